ALTER TABLE "role_assignments" DROP CONSTRAINT "role_assignments_dates_check";--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "starts_on" date DEFAULT current_date NOT NULL;--> statement-breakpoint
ALTER TABLE "invitations" ADD COLUMN "ends_on" date;--> statement-breakpoint
ALTER TABLE "role_assignments" ADD CONSTRAINT "role_assignments_dates_check" CHECK ("role_assignments"."ends_on" is null or "role_assignments"."ends_on" >= "role_assignments"."starts_on" - 1);