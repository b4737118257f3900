CREATE TABLE "demarche_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demarche_id" uuid NOT NULL,
	"mandat_id" uuid NOT NULL,
	"nature" text NOT NULL,
	"agent_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demarche_actions_nature_check" CHECK ("demarche_actions"."nature" in ('demarche_en_ligne', 'demande_communication_donnees', 'echange_partenaire'))
);
--> statement-breakpoint
CREATE TABLE "demarche_passages" (
	"demarche_id" uuid NOT NULL,
	"passage_id" uuid NOT NULL,
	"linked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demarche_passages_demarche_id_passage_id_pk" PRIMARY KEY("demarche_id","passage_id")
);
--> statement-breakpoint
CREATE TABLE "demarche_pieces" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"demarche_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"libelle" text NOT NULL,
	"etat" text DEFAULT 'a_fournir' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "demarche_pieces_etat_check" CHECK ("demarche_pieces"."etat" in ('a_fournir', 'fourni', 'verifie')),
	CONSTRAINT "demarche_pieces_libelle_check" CHECK (char_length("demarche_pieces"."libelle") between 2 and 200)
);
--> statement-breakpoint
CREATE TABLE "demarches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"usager_id" uuid,
	"partner_key" text,
	"partenaire_local_id" uuid,
	"situation_key" text,
	"titre" text,
	"statut" text DEFAULT 'ouverte' NOT NULL,
	"pour_le_compte" boolean DEFAULT false NOT NULL,
	"prochaine_etape" text,
	"prochaine_etape_le" date,
	"agent_id" uuid NOT NULL,
	"notes" text,
	"remarques_transmission" text,
	"complet_at" timestamp with time zone,
	"complet_by" uuid,
	"rdv_at" timestamp with time zone,
	"rdv_lieu" text,
	"rdv_interlocuteur" text,
	"rdv_contact" text,
	"rdv_remarques" text,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"inactivity_flagged_at" timestamp with time zone,
	"destroyed_at" timestamp with time zone,
	CONSTRAINT "demarches_statut_check" CHECK ("demarches"."statut" in ('ouverte', 'attente_usager', 'attente_partenaire', 'terminee', 'abandonnee')),
	CONSTRAINT "demarches_closed_check" CHECK (("demarches"."statut" in ('terminee', 'abandonnee')) = ("demarches"."closed_at" is not null)),
	CONSTRAINT "demarches_partner_check" CHECK (not ("demarches"."partner_key" is not null and "demarches"."partenaire_local_id" is not null)),
	CONSTRAINT "demarches_destroyed_check" CHECK (case when "demarches"."destroyed_at" is null
        then "demarches"."usager_id" is not null and char_length("demarches"."titre") between 3 and 200
        else "demarches"."usager_id" is null and "demarches"."titre" is null and "demarches"."notes" is null and "demarches"."prochaine_etape" is null
          and "demarches"."remarques_transmission" is null and "demarches"."rdv_lieu" is null and "demarches"."rdv_interlocuteur" is null
          and "demarches"."rdv_contact" is null and "demarches"."rdv_remarques" is null and "demarches"."closed_at" is not null
      end),
	CONSTRAINT "demarches_notes_check" CHECK ("demarches"."notes" is null or char_length("demarches"."notes") <= 2000)
);
--> statement-breakpoint
CREATE TABLE "mandat_demarches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mandat_id" uuid NOT NULL,
	"demarche_id" uuid,
	"libelle" text,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text
);
--> statement-breakpoint
CREATE TABLE "mandat_donnees" (
	"mandat_id" uuid NOT NULL,
	"donnee_key" text NOT NULL,
	CONSTRAINT "mandat_donnees_mandat_id_donnee_key_pk" PRIMARY KEY("mandat_id","donnee_key"),
	CONSTRAINT "mandat_donnees_key_check" CHECK ("mandat_donnees"."donnee_key" in ('etat_civil', 'coordonnees', 'situation_familiale', 'ressources', 'logement', 'emploi', 'sante', 'fiscalite', 'identifiants_partenaires'))
);
--> statement-breakpoint
CREATE TABLE "mandats" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"usager_id" uuid,
	"agent_id" uuid NOT NULL,
	"mandant_nom" text,
	"mandant_prenom" text,
	"mandant_commune" text,
	"lieu" text,
	"identifiants_connexion" boolean DEFAULT false NOT NULL,
	"verification_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"signed_on" date,
	"expires_on" date NOT NULL,
	"renewed_at" timestamp with time zone,
	"expiry_warned_at" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"revoked_on" date,
	"revoked_by" uuid,
	"revocation_reason" text,
	"destroyed_at" timestamp with time zone,
	CONSTRAINT "mandats_revocation_check" CHECK (("mandats"."revoked_at" is null) = ("mandats"."revoked_on" is null)),
	CONSTRAINT "mandats_destroyed_check" CHECK ("mandats"."destroyed_at" is not null or ("mandats"."mandant_nom" is not null and "mandats"."mandant_prenom" is not null and "mandats"."lieu" is not null)),
	CONSTRAINT "mandats_destroyed_empty_check" CHECK ("mandats"."destroyed_at" is null or ("mandats"."usager_id" is null and "mandats"."mandant_nom" is null and "mandats"."mandant_prenom" is null and "mandats"."mandant_commune" is null and "mandats"."revocation_reason" is null))
);
--> statement-breakpoint
CREATE TABLE "usager_identifiants" (
	"id" uuid PRIMARY KEY NOT NULL,
	"usager_id" uuid NOT NULL,
	"demarche_id" uuid NOT NULL,
	"type" text NOT NULL,
	"chiffre" text NOT NULL,
	"key_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usager_identifiants_type_check" CHECK ("usager_identifiants"."type" in ('caf_allocataire', 'nir', 'numero_fiscal', 'france_travail'))
);
--> statement-breakpoint
CREATE TABLE "usagers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"nom" text NOT NULL,
	"prenom" text NOT NULL,
	"nom_recherche" text NOT NULL,
	"date_naissance" date,
	"telephone" text,
	"email" text,
	"commune" text,
	"notice_remise_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "usagers_nom_check" CHECK (char_length("usagers"."nom") between 1 and 100 and char_length("usagers"."prenom") between 1 and 100),
	CONSTRAINT "usagers_telephone_check" CHECK ("usagers"."telephone" is null or char_length("usagers"."telephone") between 6 and 30),
	CONSTRAINT "usagers_email_check" CHECK ("usagers"."email" is null or char_length("usagers"."email") between 3 and 200),
	CONSTRAINT "usagers_commune_check" CHECK ("usagers"."commune" is null or char_length("usagers"."commune") between 1 and 100)
);
--> statement-breakpoint
ALTER TABLE "demarche_actions" ADD CONSTRAINT "demarche_actions_demarche_id_demarches_id_fk" FOREIGN KEY ("demarche_id") REFERENCES "public"."demarches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarche_actions" ADD CONSTRAINT "demarche_actions_mandat_id_mandats_id_fk" FOREIGN KEY ("mandat_id") REFERENCES "public"."mandats"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarche_actions" ADD CONSTRAINT "demarche_actions_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarche_passages" ADD CONSTRAINT "demarche_passages_demarche_id_demarches_id_fk" FOREIGN KEY ("demarche_id") REFERENCES "public"."demarches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarche_passages" ADD CONSTRAINT "demarche_passages_passage_id_passages_id_fk" FOREIGN KEY ("passage_id") REFERENCES "public"."passages"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarche_pieces" ADD CONSTRAINT "demarche_pieces_demarche_id_demarches_id_fk" FOREIGN KEY ("demarche_id") REFERENCES "public"."demarches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_usager_id_usagers_id_fk" FOREIGN KEY ("usager_id") REFERENCES "public"."usagers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_partner_key_ref_partenaires_key_fk" FOREIGN KEY ("partner_key") REFERENCES "public"."ref_partenaires"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_partenaire_local_id_partenaires_locaux_id_fk" FOREIGN KEY ("partenaire_local_id") REFERENCES "public"."partenaires_locaux"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_situation_key_ref_situations_key_fk" FOREIGN KEY ("situation_key") REFERENCES "public"."ref_situations"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_complet_by_users_id_fk" FOREIGN KEY ("complet_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "demarches" ADD CONSTRAINT "demarches_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandat_demarches" ADD CONSTRAINT "mandat_demarches_mandat_id_mandats_id_fk" FOREIGN KEY ("mandat_id") REFERENCES "public"."mandats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandat_demarches" ADD CONSTRAINT "mandat_demarches_demarche_id_demarches_id_fk" FOREIGN KEY ("demarche_id") REFERENCES "public"."demarches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandat_donnees" ADD CONSTRAINT "mandat_donnees_mandat_id_mandats_id_fk" FOREIGN KEY ("mandat_id") REFERENCES "public"."mandats"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandats" ADD CONSTRAINT "mandats_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandats" ADD CONSTRAINT "mandats_usager_id_usagers_id_fk" FOREIGN KEY ("usager_id") REFERENCES "public"."usagers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandats" ADD CONSTRAINT "mandats_agent_id_users_id_fk" FOREIGN KEY ("agent_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mandats" ADD CONSTRAINT "mandats_revoked_by_users_id_fk" FOREIGN KEY ("revoked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usager_identifiants" ADD CONSTRAINT "usager_identifiants_usager_id_usagers_id_fk" FOREIGN KEY ("usager_id") REFERENCES "public"."usagers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usager_identifiants" ADD CONSTRAINT "usager_identifiants_demarche_id_demarches_id_fk" FOREIGN KEY ("demarche_id") REFERENCES "public"."demarches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usagers" ADD CONSTRAINT "usagers_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "usagers" ADD CONSTRAINT "usagers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "demarche_actions_demarche_idx" ON "demarche_actions" USING btree ("demarche_id");--> statement-breakpoint
CREATE INDEX "demarche_passages_passage_idx" ON "demarche_passages" USING btree ("passage_id");--> statement-breakpoint
CREATE UNIQUE INDEX "demarche_pieces_position_unique" ON "demarche_pieces" USING btree ("demarche_id","position");--> statement-breakpoint
CREATE INDEX "demarches_structure_idx" ON "demarches" USING btree ("structure_id","statut");--> statement-breakpoint
CREATE INDEX "demarches_usager_idx" ON "demarches" USING btree ("usager_id");--> statement-breakpoint
CREATE INDEX "demarches_agent_etape_idx" ON "demarches" USING btree ("agent_id","prochaine_etape_le");--> statement-breakpoint
CREATE INDEX "mandat_demarches_mandat_idx" ON "mandat_demarches" USING btree ("mandat_id");--> statement-breakpoint
CREATE INDEX "mandat_demarches_demarche_idx" ON "mandat_demarches" USING btree ("demarche_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mandats_verification_code_unique" ON "mandats" USING btree ("verification_code");--> statement-breakpoint
CREATE INDEX "mandats_usager_idx" ON "mandats" USING btree ("usager_id");--> statement-breakpoint
CREATE INDEX "mandats_structure_idx" ON "mandats" USING btree ("structure_id");--> statement-breakpoint
CREATE UNIQUE INDEX "usager_identifiants_type_unique" ON "usager_identifiants" USING btree ("usager_id","type");--> statement-breakpoint
CREATE INDEX "usagers_structure_nom_idx" ON "usagers" USING btree ("structure_id","nom_recherche");