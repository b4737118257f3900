export * from "./structures";
export * from "./comptes";
export * from "./platform";
export * from "./referentiel";
export * from "./accueil";
export * from "./pilotage";
export * from "./usagers";
export * from "./saisines";
