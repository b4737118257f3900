/** The DSFR script has no types; it is only imported for its side effect. */
declare module "@gouvfr/dsfr/dist/dsfr.module.min.js";
