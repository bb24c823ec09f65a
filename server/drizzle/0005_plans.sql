CREATE TABLE "plan_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"status" varchar(16) NOT NULL,
	"base_version" integer NOT NULL,
	"changes" jsonb NOT NULL,
	"reason" text NOT NULL,
	"requested_by" uuid,
	"decided_by" uuid,
	"decision_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "plan_conflicts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"certificate_no" text NOT NULL,
	"kind" varchar(16) NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_draws" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"seed" text NOT NULL,
	"count" integer NOT NULL,
	"pool" jsonb NOT NULL,
	"excluded" jsonb NOT NULL,
	"log" jsonb NOT NULL,
	"drawn" jsonb NOT NULL,
	"drawn_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"plan_id" uuid NOT NULL,
	"action" varchar(32) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16) NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"actor_org" text,
	"reason" text,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_parts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"kind" varchar(12) NOT NULL,
	"name" text,
	"pass_mark" double precision NOT NULL,
	"duration_minutes" integer NOT NULL,
	"weight" double precision,
	"paper_id" uuid,
	"late_entry_minutes" integer DEFAULT 15 NOT NULL,
	"min_minutes_before_submit" integer DEFAULT 30 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_sittings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"date" date NOT NULL,
	"start_time" varchar(5) NOT NULL,
	"end_time" varchar(5) NOT NULL,
	"site" text NOT NULL,
	"room" text NOT NULL,
	"capacity" integer NOT NULL,
	"classes" jsonb DEFAULT '[]'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plan_staff" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"role" varchar(16) NOT NULL,
	"certificate_no" text NOT NULL,
	"name" text NOT NULL,
	"draw_id" uuid
);
--> statement-breakpoint
CREATE TABLE "plan_supervisors" (
	"plan_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"assigned_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "plans" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"title" text NOT NULL,
	"occupation_id" uuid,
	"special_item_id" uuid,
	"work_type" text,
	"level" smallint,
	"basis" varchar(20) NOT NULL,
	"eval_spec_id" uuid,
	"method" varchar(8) NOT NULL,
	"candidate_sources" jsonb NOT NULL,
	"course_exam_replaces_theory" boolean DEFAULT false NOT NULL,
	"capacity" integer NOT NULL,
	"status" varchar(16) NOT NULL,
	"profile_id" varchar(32) NOT NULL,
	"lead_days" integer,
	"internal_supervisor" text,
	"note" text,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"acknowledged_at" timestamp with time zone,
	"acknowledged_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "institution_scope" ADD COLUMN "suspended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "institution_scope" ADD COLUMN "suspend_reason" text;--> statement-breakpoint
ALTER TABLE "plan_change_requests" ADD CONSTRAINT "plan_change_requests_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_requests" ADD CONSTRAINT "plan_change_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_change_requests" ADD CONSTRAINT "plan_change_requests_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_conflicts" ADD CONSTRAINT "plan_conflicts_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_draws" ADD CONSTRAINT "plan_draws_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_draws" ADD CONSTRAINT "plan_draws_sitting_id_plan_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."plan_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_draws" ADD CONSTRAINT "plan_draws_drawn_by_users_id_fk" FOREIGN KEY ("drawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_events" ADD CONSTRAINT "plan_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_parts" ADD CONSTRAINT "plan_parts_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_parts" ADD CONSTRAINT "plan_parts_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sittings" ADD CONSTRAINT "plan_sittings_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_sittings" ADD CONSTRAINT "plan_sittings_part_id_plan_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."plan_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_staff" ADD CONSTRAINT "plan_staff_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_staff" ADD CONSTRAINT "plan_staff_sitting_id_plan_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."plan_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_supervisors" ADD CONSTRAINT "plan_supervisors_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_supervisors" ADD CONSTRAINT "plan_supervisors_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plan_supervisors" ADD CONSTRAINT "plan_supervisors_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_occupation_id_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_special_item_id_special_items_id_fk" FOREIGN KEY ("special_item_id") REFERENCES "public"."special_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_eval_spec_id_eval_specs_id_fk" FOREIGN KEY ("eval_spec_id") REFERENCES "public"."eval_specs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_acknowledged_by_users_id_fk" FOREIGN KEY ("acknowledged_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "plans" ADD CONSTRAINT "plans_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "plan_change_requests_plan_idx" ON "plan_change_requests" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_conflicts_plan_idx" ON "plan_conflicts" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_draws_plan_idx" ON "plan_draws" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_events_plan_idx" ON "plan_events" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_parts_plan_idx" ON "plan_parts" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_sittings_plan_idx" ON "plan_sittings" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "plan_sittings_date_idx" ON "plan_sittings" USING btree ("date");--> statement-breakpoint
CREATE INDEX "plan_staff_plan_idx" ON "plan_staff" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_staff_sitting_person_uq" ON "plan_staff" USING btree ("sitting_id","certificate_no");--> statement-breakpoint
CREATE UNIQUE INDEX "plan_supervisors_uq" ON "plan_supervisors" USING btree ("plan_id","user_id");--> statement-breakpoint
CREATE INDEX "plan_supervisors_user_idx" ON "plan_supervisors" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "plans_org_idx" ON "plans" USING btree ("org_id","status");--> statement-breakpoint
CREATE INDEX "plans_institution_idx" ON "plans" USING btree ("institution_id");