ALTER TABLE "sessions" ADD COLUMN "pending_totp_secret" text;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "totp_last_step" bigint;--> statement-breakpoint
-- A setup secret now lives on the session that asked for it (issue 12): the pending secrets that were kept on
-- the user, visible to anyone who opened the setup page with the password, are void.
UPDATE "users" SET "totp_secret" = NULL WHERE "totp_enabled_at" IS NULL;
