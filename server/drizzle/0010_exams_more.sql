CREATE TABLE "exam_sitting_settings" (
	"sitting_id" uuid PRIMARY KEY NOT NULL,
	"allowed_addresses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"updated_by" uuid,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "plan_parts" ADD COLUMN "switch_limit" integer;--> statement-breakpoint
ALTER TABLE "plan_parts" ADD COLUMN "auto_submit_at_switch_limit" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "exam_sitting_settings" ADD CONSTRAINT "exam_sitting_settings_sitting_id_plan_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."plan_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_sitting_settings" ADD CONSTRAINT "exam_sitting_settings_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;