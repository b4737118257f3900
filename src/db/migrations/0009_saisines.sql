CREATE TABLE "referent_group_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"group_id" uuid NOT NULL,
	"actor_id" uuid,
	"change" text NOT NULL,
	"detail" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referent_group_history_change_check" CHECK ("referent_group_history"."change" in ('created', 'updated', 'member_added', 'member_removed', 'member_updated', 'confirmed', 'confirmation_requested'))
);
--> statement-breakpoint
CREATE TABLE "referent_group_members" (
	"group_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"fonction" text,
	"telephone_direct" text,
	"domaines" text,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referent_group_members_group_id_user_id_pk" PRIMARY KEY("group_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "referent_group_structures" (
	"group_id" uuid NOT NULL,
	"structure_id" uuid NOT NULL,
	CONSTRAINT "referent_group_structures_group_id_structure_id_pk" PRIMARY KEY("group_id","structure_id")
);
--> statement-breakpoint
CREATE TABLE "referent_groups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"departement" text NOT NULL,
	"partner_key" text NOT NULL,
	"nom" text NOT NULL,
	"mailbox" text NOT NULL,
	"emergency_phones" text,
	"instructions" text,
	"covers_whole_departement" boolean DEFAULT false NOT NULL,
	"first_answer_days" smallint DEFAULT 3 NOT NULL,
	"resolution_days" smallint DEFAULT 15 NOT NULL,
	"last_confirmed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmation_requested_at" timestamp with time zone,
	"stale_flagged_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referent_groups_departement_check" CHECK ("referent_groups"."departement" ~ '^(\d{2}|2A|2B|97\d)$'),
	CONSTRAINT "referent_groups_nom_check" CHECK (char_length("referent_groups"."nom") between 3 and 150),
	CONSTRAINT "referent_groups_mailbox_check" CHECK (char_length("referent_groups"."mailbox") between 3 and 200 and position('@' in "referent_groups"."mailbox") > 1),
	CONSTRAINT "referent_groups_days_check" CHECK ("referent_groups"."first_answer_days" between 1 and 30 and "referent_groups"."resolution_days" between 1 and 120)
);
--> statement-breakpoint
CREATE TABLE "saisine_identifications" (
	"saisine_id" uuid NOT NULL,
	"field_key" text NOT NULL,
	"chiffre" text NOT NULL,
	"key_id" text NOT NULL,
	CONSTRAINT "saisine_identifications_saisine_id_field_key_pk" PRIMARY KEY("saisine_id","field_key")
);
--> statement-breakpoint
CREATE TABLE "saisine_messages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"seq" bigserial NOT NULL,
	"saisine_id" uuid NOT NULL,
	"author_id" uuid,
	"side" text NOT NULL,
	"type" text NOT NULL,
	"body" text,
	"target_group_id" uuid,
	"usefulness" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "saisine_messages_side_check" CHECK ("saisine_messages"."side" in ('agent', 'referent', 'systeme')),
	CONSTRAINT "saisine_messages_type_check" CHECK ("saisine_messages"."type" in ('question', 'reponse', 'demande_complement', 'prise_en_charge', 'mauvais_interlocuteur', 'resolution_proposee', 'cloture')),
	CONSTRAINT "saisine_messages_target_check" CHECK (("saisine_messages"."type" = 'mauvais_interlocuteur') = ("saisine_messages"."target_group_id" is not null)),
	CONSTRAINT "saisine_messages_usefulness_check" CHECK (case when "saisine_messages"."type" = 'cloture' and "saisine_messages"."side" = 'agent' then "saisine_messages"."usefulness" in ('utile', 'ne_sait_pas', 'pas_utile') else "saisine_messages"."usefulness" is null end),
	CONSTRAINT "saisine_messages_systeme_check" CHECK ("saisine_messages"."side" <> 'systeme' or ("saisine_messages"."type" = 'cloture' and "saisine_messages"."author_id" is null)),
	CONSTRAINT "saisine_messages_body_check" CHECK ("saisine_messages"."body" is null or char_length("saisine_messages"."body") between 1 and 5000)
);
--> statement-breakpoint
CREATE TABLE "saisines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"structure_id" uuid NOT NULL,
	"departement" text NOT NULL,
	"author_id" uuid,
	"partner_key" text NOT NULL,
	"group_id" uuid NOT NULL,
	"sollicitation_id" uuid,
	"demarche_id" uuid,
	"usager_id" uuid,
	"mandat_id" uuid,
	"objet" text,
	"description" text,
	"urgence" text DEFAULT 'standard' NOT NULL,
	"first_answer_due_at" timestamp with time zone NOT NULL,
	"resolution_due_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_message_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reminded_due_at" timestamp with time zone,
	"escalated_due_at" timestamp with time zone,
	"inactivity_warned_at" timestamp with time zone,
	"destroyed_at" timestamp with time zone,
	CONSTRAINT "saisines_urgence_check" CHECK ("saisines"."urgence" in ('urgence', 'blocage_administratif', 'standard')),
	CONSTRAINT "saisines_destroyed_check" CHECK (case when "saisines"."destroyed_at" is null
        then char_length("saisines"."objet") between 3 and 200 and char_length("saisines"."description") between 3 and 5000
        else "saisines"."objet" is null and "saisines"."description" is null and "saisines"."usager_id" is null and "saisines"."mandat_id" is null
      end)
);
--> statement-breakpoint
ALTER TABLE "referent_group_history" ADD CONSTRAINT "referent_group_history_group_id_referent_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."referent_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referent_group_history" ADD CONSTRAINT "referent_group_history_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referent_group_members" ADD CONSTRAINT "referent_group_members_group_id_referent_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."referent_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referent_group_members" ADD CONSTRAINT "referent_group_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referent_group_structures" ADD CONSTRAINT "referent_group_structures_group_id_referent_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."referent_groups"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referent_group_structures" ADD CONSTRAINT "referent_group_structures_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referent_groups" ADD CONSTRAINT "referent_groups_partner_key_ref_partenaires_key_fk" FOREIGN KEY ("partner_key") REFERENCES "public"."ref_partenaires"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisine_identifications" ADD CONSTRAINT "saisine_identifications_saisine_id_saisines_id_fk" FOREIGN KEY ("saisine_id") REFERENCES "public"."saisines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisine_messages" ADD CONSTRAINT "saisine_messages_saisine_id_saisines_id_fk" FOREIGN KEY ("saisine_id") REFERENCES "public"."saisines"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisine_messages" ADD CONSTRAINT "saisine_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisine_messages" ADD CONSTRAINT "saisine_messages_target_group_id_referent_groups_id_fk" FOREIGN KEY ("target_group_id") REFERENCES "public"."referent_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_structure_id_structures_id_fk" FOREIGN KEY ("structure_id") REFERENCES "public"."structures"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_partner_key_ref_partenaires_key_fk" FOREIGN KEY ("partner_key") REFERENCES "public"."ref_partenaires"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_group_id_referent_groups_id_fk" FOREIGN KEY ("group_id") REFERENCES "public"."referent_groups"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_sollicitation_id_sollicitations_id_fk" FOREIGN KEY ("sollicitation_id") REFERENCES "public"."sollicitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_demarche_id_demarches_id_fk" FOREIGN KEY ("demarche_id") REFERENCES "public"."demarches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_usager_id_usagers_id_fk" FOREIGN KEY ("usager_id") REFERENCES "public"."usagers"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "saisines" ADD CONSTRAINT "saisines_mandat_id_mandats_id_fk" FOREIGN KEY ("mandat_id") REFERENCES "public"."mandats"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referent_group_history_group_idx" ON "referent_group_history" USING btree ("group_id","at");--> statement-breakpoint
CREATE INDEX "referent_group_members_user_idx" ON "referent_group_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "referent_group_structures_structure_idx" ON "referent_group_structures" USING btree ("structure_id");--> statement-breakpoint
CREATE INDEX "referent_groups_departement_partner_idx" ON "referent_groups" USING btree ("departement","partner_key");--> statement-breakpoint
CREATE INDEX "saisine_messages_saisine_idx" ON "saisine_messages" USING btree ("saisine_id","seq");--> statement-breakpoint
CREATE INDEX "saisines_structure_idx" ON "saisines" USING btree ("structure_id","created_at");--> statement-breakpoint
CREATE INDEX "saisines_group_idx" ON "saisines" USING btree ("group_id");--> statement-breakpoint
CREATE INDEX "saisines_departement_idx" ON "saisines" USING btree ("departement","partner_key");