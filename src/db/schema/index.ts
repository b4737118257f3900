export * from "./accueil";
export * from "./comptes";
export * from "./pilotage";
export * from "./platform";
export * from "./referentiel";
export * from "./saisines";
export * from "./structures";
export * from "./usagers";
