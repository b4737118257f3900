CREATE TABLE "stat_deltas" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"structure_id" uuid NOT NULL,
	"jour" date NOT NULL,
	"dimension" text NOT NULL,
	"valeur" text NOT NULL,
	"passages" integer NOT NULL,
	"sollicitations" integer NOT NULL,
	"duree_somme" integer NOT NULL,
	"duree_nombre" integer NOT NULL,
	"attente_somme" integer NOT NULL,
	"attente_nombre" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "stat_jour" (
	"structure_id" uuid NOT NULL,
	"jour" date NOT NULL,
	"dimension" text NOT NULL,
	"valeur" text NOT NULL,
	"passages" integer NOT NULL,
	"sollicitations" integer NOT NULL,
	"duree_somme" integer NOT NULL,
	"duree_nombre" integer NOT NULL,
	"attente_somme" integer NOT NULL,
	"attente_nombre" integer NOT NULL,
	CONSTRAINT "stat_jour_structure_id_jour_dimension_valeur_pk" PRIMARY KEY("structure_id","jour","dimension","valeur")
);
--> statement-breakpoint
CREATE TABLE "stat_jour_departement" (
	"departement" text NOT NULL,
	"format" text NOT NULL,
	"jour" date NOT NULL,
	"passages" integer NOT NULL,
	"sollicitations" integer NOT NULL,
	CONSTRAINT "stat_jour_departement_departement_format_jour_pk" PRIMARY KEY("departement","format","jour")
);
--> statement-breakpoint
CREATE TABLE "stat_mois" (
	"structure_id" uuid NOT NULL,
	"mois" date NOT NULL,
	"dimension" text NOT NULL,
	"valeur" text NOT NULL,
	"passages" integer NOT NULL,
	"sollicitations" integer NOT NULL,
	"duree_somme" integer NOT NULL,
	"duree_nombre" integer NOT NULL,
	"attente_somme" integer NOT NULL,
	"attente_nombre" integer NOT NULL,
	CONSTRAINT "stat_mois_structure_id_mois_dimension_valeur_pk" PRIMARY KEY("structure_id","mois","dimension","valeur")
);
--> statement-breakpoint
CREATE TABLE "stat_mois_departement" (
	"departement" text NOT NULL,
	"format" text NOT NULL,
	"mois" date NOT NULL,
	"dimension" text NOT NULL,
	"valeur" text NOT NULL,
	"passages" integer NOT NULL,
	"sollicitations" integer NOT NULL,
	"duree_somme" integer NOT NULL,
	"duree_nombre" integer NOT NULL,
	"attente_somme" integer NOT NULL,
	"attente_nombre" integer NOT NULL,
	CONSTRAINT "stat_mois_departement_departement_format_mois_dimension_valeur_pk" PRIMARY KEY("departement","format","mois","dimension","valeur")
);
--> statement-breakpoint
ALTER TABLE "stat_jour" ADD CONSTRAINT "stat_jour_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "stat_mois" ADD CONSTRAINT "stat_mois_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "stat_deltas_structure_jour_idx" ON "stat_deltas" USING btree ("structure_id","jour");--> statement-breakpoint
CREATE INDEX "stat_jour_jour_idx" ON "stat_jour" USING btree ("jour","dimension");--> statement-breakpoint
CREATE INDEX "stat_mois_mois_idx" ON "stat_mois" USING btree ("mois","dimension");