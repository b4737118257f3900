CREATE TABLE "ref_partenaires" (
	"key" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_situation_partenaires" (
	"situation_key" text NOT NULL,
	"partner_key" text NOT NULL,
	CONSTRAINT "ref_situation_partenaires_situation_key_partner_key_pk" PRIMARY KEY("situation_key","partner_key")
);
--> statement-breakpoint
CREATE TABLE "ref_situations" (
	"key" text PRIMARY KEY NOT NULL,
	"domaine_key" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ref_types_aide" (
	"key" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "file_attente" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"jour" text NOT NULL,
	"ticket" integer NOT NULL,
	"prenom" text,
	"arrived_at" timestamp with time zone NOT NULL,
	"called_at" timestamp with time zone,
	"called_by" uuid,
	"left_at" timestamp with time zone,
	"passage_id" uuid,
	CONSTRAINT "file_attente_prenom_check" CHECK ("file_attente"."prenom" is null or char_length("file_attente"."prenom") between 1 and 40),
	CONSTRAINT "file_attente_called_check" CHECK (("file_attente"."called_at" is null) = ("file_attente"."called_by" is null)),
	CONSTRAINT "file_attente_order_check" CHECK ("file_attente"."called_at" is null or "file_attente"."called_at" >= "file_attente"."arrived_at")
);
--> statement-breakpoint
CREATE TABLE "passages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"agent_id" uuid NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"duree_minutes" integer,
	"canal" text NOT NULL,
	"avec_rdv" boolean DEFAULT false NOT NULL,
	"tranche_age" text,
	"genre" text,
	"commune_residence" text,
	"premiere_visite" boolean,
	"equip_poste" boolean DEFAULT false NOT NULL,
	"equip_imprimante" boolean DEFAULT false NOT NULL,
	"equip_scanner" boolean DEFAULT false NOT NULL,
	"equip_visio" boolean DEFAULT false NOT NULL,
	"attente_secondes" integer,
	"idempotency_key" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid,
	"deleted_at" timestamp with time zone,
	"deleted_by" uuid,
	"deletion_reason" text,
	CONSTRAINT "passages_canal_check" CHECK ("passages"."canal" in ('accueil_physique', 'telephone', 'courriel', 'courrier', 'visio', 'hors_les_murs', 'formulaire_en_ligne')),
	CONSTRAINT "passages_duree_check" CHECK ("passages"."duree_minutes" is null or ("passages"."duree_minutes" between 1 and 480)),
	CONSTRAINT "passages_tranche_age_check" CHECK ("passages"."tranche_age" is null or "passages"."tranche_age" in ('moins_26', '26_39', '40_54', '55_64', '65_74', '75_plus')),
	CONSTRAINT "passages_genre_check" CHECK ("passages"."genre" is null or "passages"."genre" in ('femme', 'homme', 'autre')),
	CONSTRAINT "passages_commune_check" CHECK ("passages"."commune_residence" is null or "passages"."commune_residence" ~ '^(\d{5}|2[AB]\d{3})$'),
	CONSTRAINT "passages_equipement_presentiel_check" CHECK ("passages"."canal" in ('accueil_physique', 'hors_les_murs') or not ("passages"."equip_poste" or "passages"."equip_imprimante" or "passages"."equip_scanner" or "passages"."equip_visio")),
	CONSTRAINT "passages_rdv_canal_check" CHECK (not "passages"."avec_rdv" or "passages"."canal" in ('accueil_physique', 'hors_les_murs', 'telephone', 'visio')),
	CONSTRAINT "passages_attente_check" CHECK ("passages"."attente_secondes" is null or ("passages"."attente_secondes" >= 0 and "passages"."canal" in ('accueil_physique', 'hors_les_murs'))),
	CONSTRAINT "passages_idempotency_key_check" CHECK ("passages"."idempotency_key" is null or char_length("passages"."idempotency_key") between 1 and 200),
	CONSTRAINT "passages_deletion_check" CHECK (("passages"."deleted_at" is null and "passages"."deleted_by" is null and "passages"."deletion_reason" is null) or ("passages"."deleted_at" is not null and "passages"."deleted_by" is not null and char_length("passages"."deletion_reason") between 3 and 500))
);
--> statement-breakpoint
CREATE TABLE "sollicitation_aides" (
	"sollicitation_id" uuid NOT NULL,
	"aide_key" text NOT NULL,
	CONSTRAINT "sollicitation_aides_sollicitation_id_aide_key_pk" PRIMARY KEY("sollicitation_id","aide_key")
);
--> statement-breakpoint
CREATE TABLE "sollicitation_partenaires" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"sollicitation_id" uuid NOT NULL,
	"partner_key" text,
	"partenaire_local_id" uuid,
	CONSTRAINT "sollicitation_partenaires_one_check" CHECK (("sollicitation_partenaires"."partner_key" is null) <> ("sollicitation_partenaires"."partenaire_local_id" is null))
);
--> statement-breakpoint
CREATE TABLE "sollicitation_situations" (
	"sollicitation_id" uuid NOT NULL,
	"situation_key" text NOT NULL,
	CONSTRAINT "sollicitation_situations_sollicitation_id_situation_key_pk" PRIMARY KEY("sollicitation_id","situation_key")
);
--> statement-breakpoint
CREATE TABLE "sollicitations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"passage_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"hors_partenaires" boolean DEFAULT false NOT NULL,
	"autonomie" text NOT NULL,
	"issue" text NOT NULL,
	"precision" text,
	"situation_complexe" boolean DEFAULT false NOT NULL,
	"non_recours" boolean DEFAULT false NOT NULL,
	"difficulte_numerique" boolean DEFAULT false NOT NULL,
	"allophone" boolean DEFAULT false NOT NULL,
	"handicap" boolean DEFAULT false NOT NULL,
	CONSTRAINT "sollicitations_position_check" CHECK ("sollicitations"."position" between 1 and 20),
	CONSTRAINT "sollicitations_autonomie_check" CHECK ("sollicitations"."autonomie" in ('autonome', 'partiellement', 'entierement')),
	CONSTRAINT "sollicitations_issue_check" CHECK ("sollicitations"."issue" in ('resolu_sur_place', 'oriente_partenaire', 'rdv_partenaire', 'a_escalader', 'attente_pieces', 'non_resolu')),
	CONSTRAINT "sollicitations_precision_check" CHECK ("sollicitations"."precision" is null or char_length("sollicitations"."precision") between 1 and 200),
	CONSTRAINT "sollicitations_hors_partenaires_issue_check" CHECK (not "sollicitations"."hors_partenaires" or "sollicitations"."issue" not in ('oriente_partenaire', 'rdv_partenaire', 'a_escalader'))
);
--> statement-breakpoint
ALTER TABLE "structures" ADD COLUMN "file_attente_active" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "ref_situation_partenaires" ADD CONSTRAINT "ref_situation_partenaires_situation_key_ref_situations_key_fk" FOREIGN KEY ("situation_key") REFERENCES "public"."ref_situations"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ref_situation_partenaires" ADD CONSTRAINT "ref_situation_partenaires_partner_key_ref_partenaires_key_fk" FOREIGN KEY ("partner_key") REFERENCES "public"."ref_partenaires"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_attente" ADD CONSTRAINT "file_attente_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_attente" ADD CONSTRAINT "file_attente_called_by_users_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "file_attente" ADD CONSTRAINT "file_attente_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passages" ADD CONSTRAINT "passages_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passages" ADD CONSTRAINT "passages_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passages" ADD CONSTRAINT "passages_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "passages" ADD CONSTRAINT "passages_deleted_by_users_id_fk" FOREIGN KEY ("deleted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitation_aides" ADD CONSTRAINT "sollicitation_aides_sollicitation_id_sollicitations_id_fk" FOREIGN KEY ("sollicitation_id") REFERENCES "public"."sollicitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitation_aides" ADD CONSTRAINT "sollicitation_aides_aide_key_ref_types_aide_key_fk" FOREIGN KEY ("aide_key") REFERENCES "public"."ref_types_aide"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitation_partenaires" ADD CONSTRAINT "sollicitation_partenaires_sollicitation_id_sollicitations_id_fk" FOREIGN KEY ("sollicitation_id") REFERENCES "public"."sollicitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitation_partenaires" ADD CONSTRAINT "sollicitation_partenaires_partner_key_ref_partenaires_key_fk" FOREIGN KEY ("partner_key") REFERENCES "public"."ref_partenaires"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitation_partenaires" ADD CONSTRAINT "sollicitation_partenaires_partenaire_local_id_partenaires_locaux_id_fk" FOREIGN KEY ("partenaire_local_id") REFERENCES "public"."partenaires_locaux"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitation_situations" ADD CONSTRAINT "sollicitation_situations_sollicitation_id_sollicitations_id_fk" FOREIGN KEY ("sollicitation_id") REFERENCES "public"."sollicitations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitation_situations" ADD CONSTRAINT "sollicitation_situations_situation_key_ref_situations_key_fk" FOREIGN KEY ("situation_key") REFERENCES "public"."ref_situations"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sollicitations" ADD CONSTRAINT "sollicitations_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "file_attente_ticket_unique" ON "file_attente" USING btree ("structure_id","jour","ticket");--> statement-breakpoint
CREATE INDEX "passages_structure_started_idx" ON "passages" USING btree ("structure_id","started_at");--> statement-breakpoint
CREATE INDEX "passages_agent_started_idx" ON "passages" USING btree ("agent_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "passages_idempotency_unique" ON "passages" USING btree ("agent_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "sollicitation_partenaires_sollicitation_idx" ON "sollicitation_partenaires" USING btree ("sollicitation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sollicitation_partenaires_national_unique" ON "sollicitation_partenaires" USING btree ("sollicitation_id","partner_key");--> statement-breakpoint
CREATE UNIQUE INDEX "sollicitation_partenaires_local_unique" ON "sollicitation_partenaires" USING btree ("sollicitation_id","partenaire_local_id");--> statement-breakpoint
CREATE UNIQUE INDEX "sollicitations_passage_position_unique" ON "sollicitations" USING btree ("passage_id","position");