CREATE TABLE "exam_answers" (
	"attempt_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"response" jsonb NOT NULL,
	"flagged" boolean DEFAULT false NOT NULL,
	"seq" integer NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exam_answers_attempt_id_item_id_pk" PRIMARY KEY("attempt_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "exam_attempts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"seat_assignment_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"paper_id" uuid NOT NULL,
	"exam_number" varchar(32) NOT NULL,
	"layout" jsonb NOT NULL,
	"status" varchar(12) DEFAULT 'prepared' NOT NULL,
	"signed_in_at" timestamp with time zone,
	"identity_confirmed_at" timestamp with time zone,
	"identity_confirmed_by" uuid,
	"started_at" timestamp with time zone,
	"submitted_at" timestamp with time zone,
	"submitted_how" varchar(16),
	"device_id" varchar(64),
	"address" varchar(64),
	"extra_minutes" integer DEFAULT 0 NOT NULL,
	"switch_count" integer DEFAULT 0 NOT NULL,
	"takeover_until" timestamp with time zone,
	"takeover_allowed_by" uuid,
	"objective_score" double precision,
	"objective_max" double precision,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"attempt_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"kind" varchar(24) NOT NULL,
	"data" jsonb,
	"address" varchar(64),
	"actor_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "exam_sessions" (
	"token_hash" char(64) PRIMARY KEY NOT NULL,
	"attempt_id" uuid NOT NULL,
	"device_id" varchar(64) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "examiner_accounts" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"certificate_no" text NOT NULL,
	CONSTRAINT "examiner_accounts_certificate_no_unique" UNIQUE("certificate_no")
);
--> statement-breakpoint
CREATE TABLE "inspection_reports" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"sitting_id" uuid,
	"supervisor_id" uuid NOT NULL,
	"findings" text NOT NULL,
	"irregularities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"photo_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mark_decisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"kind" varchar(8) NOT NULL,
	"score" double precision NOT NULL,
	"reason" text NOT NULL,
	"decided_by" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "marks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"examiner_id" uuid NOT NULL,
	"round" varchar(8) DEFAULT 'first' NOT NULL,
	"scores" jsonb NOT NULL,
	"vetoes" jsonb NOT NULL,
	"comment" text,
	"total" double precision NOT NULL,
	"source" varchar(8) DEFAULT 'screen' NOT NULL,
	"sheet_attachment_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "objections" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"enrolment_id" uuid,
	"tracking_code" varchar(16) NOT NULL,
	"name" text NOT NULL,
	"contact" text NOT NULL,
	"text" text NOT NULL,
	"status" varchar(10) DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_by" uuid,
	"answered_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "objections_tracking_code_unique" UNIQUE("tracking_code")
);
--> statement-breakpoint
CREATE TABLE "part_results" (
	"enrolment_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"plan_id" uuid NOT NULL,
	"score" double precision,
	"absent" boolean DEFAULT false NOT NULL,
	"substituted" boolean DEFAULT false NOT NULL,
	"source" varchar(8) NOT NULL,
	"evidence_attachment_id" uuid,
	"detail" jsonb,
	"recorded_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "part_results_enrolment_id_part_id_pk" PRIMARY KEY("enrolment_id","part_id")
);
--> statement-breakpoint
CREATE TABLE "publicities" (
	"plan_id" uuid PRIMARY KEY NOT NULL,
	"opens_at" timestamp with time zone NOT NULL,
	"closes_at" timestamp with time zone NOT NULL,
	"working_days" smallint NOT NULL,
	"calendar_known" boolean NOT NULL,
	"snapshot" jsonb NOT NULL,
	"published_by" uuid,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "supervision_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"sitting_id" uuid,
	"enrolment_id" uuid,
	"reason" text NOT NULL,
	"raised_by" uuid NOT NULL,
	"status" varchar(10) DEFAULT 'open' NOT NULL,
	"resolution" text,
	"resolved_by" uuid,
	"resolved_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "exam_answers" ADD CONSTRAINT "exam_answers_attempt_id_exam_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."exam_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_answers" ADD CONSTRAINT "exam_answers_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_part_id_plan_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."plan_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_sitting_id_plan_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."plan_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_seat_assignment_id_seat_assignments_id_fk" FOREIGN KEY ("seat_assignment_id") REFERENCES "public"."seat_assignments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_identity_confirmed_by_users_id_fk" FOREIGN KEY ("identity_confirmed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_attempts" ADD CONSTRAINT "exam_attempts_takeover_allowed_by_users_id_fk" FOREIGN KEY ("takeover_allowed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_events" ADD CONSTRAINT "exam_events_attempt_id_exam_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."exam_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_events" ADD CONSTRAINT "exam_events_sitting_id_plan_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."plan_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_events" ADD CONSTRAINT "exam_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "exam_sessions" ADD CONSTRAINT "exam_sessions_attempt_id_exam_attempts_id_fk" FOREIGN KEY ("attempt_id") REFERENCES "public"."exam_attempts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "examiner_accounts" ADD CONSTRAINT "examiner_accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD CONSTRAINT "inspection_reports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD CONSTRAINT "inspection_reports_sitting_id_plan_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."plan_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "inspection_reports" ADD CONSTRAINT "inspection_reports_supervisor_id_users_id_fk" FOREIGN KEY ("supervisor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mark_decisions" ADD CONSTRAINT "mark_decisions_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mark_decisions" ADD CONSTRAINT "mark_decisions_part_id_plan_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."plan_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mark_decisions" ADD CONSTRAINT "mark_decisions_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mark_decisions" ADD CONSTRAINT "mark_decisions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mark_decisions" ADD CONSTRAINT "mark_decisions_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_part_id_plan_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."plan_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_examiner_id_users_id_fk" FOREIGN KEY ("examiner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "marks" ADD CONSTRAINT "marks_sheet_attachment_id_attachments_id_fk" FOREIGN KEY ("sheet_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "objections" ADD CONSTRAINT "objections_answered_by_users_id_fk" FOREIGN KEY ("answered_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_results" ADD CONSTRAINT "part_results_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_results" ADD CONSTRAINT "part_results_part_id_plan_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."plan_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_results" ADD CONSTRAINT "part_results_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_results" ADD CONSTRAINT "part_results_evidence_attachment_id_attachments_id_fk" FOREIGN KEY ("evidence_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_results" ADD CONSTRAINT "part_results_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "publicities" ADD CONSTRAINT "publicities_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_flags" ADD CONSTRAINT "supervision_flags_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_flags" ADD CONSTRAINT "supervision_flags_sitting_id_plan_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."plan_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_flags" ADD CONSTRAINT "supervision_flags_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_flags" ADD CONSTRAINT "supervision_flags_raised_by_users_id_fk" FOREIGN KEY ("raised_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "supervision_flags" ADD CONSTRAINT "supervision_flags_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "exam_attempts_seat_uq" ON "exam_attempts" USING btree ("seat_assignment_id");--> statement-breakpoint
CREATE INDEX "exam_attempts_sitting_idx" ON "exam_attempts" USING btree ("sitting_id","status");--> statement-breakpoint
CREATE INDEX "exam_attempts_enrolment_idx" ON "exam_attempts" USING btree ("enrolment_id");--> statement-breakpoint
CREATE INDEX "exam_attempts_plan_idx" ON "exam_attempts" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "exam_events_sitting_idx" ON "exam_events" USING btree ("sitting_id","id");--> statement-breakpoint
CREATE INDEX "exam_events_attempt_idx" ON "exam_events" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "exam_sessions_attempt_idx" ON "exam_sessions" USING btree ("attempt_id");--> statement-breakpoint
CREATE INDEX "inspection_reports_plan_idx" ON "inspection_reports" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mark_decisions_uq" ON "mark_decisions" USING btree ("enrolment_id","part_id","item_id","kind");--> statement-breakpoint
CREATE INDEX "mark_decisions_plan_idx" ON "mark_decisions" USING btree ("plan_id");--> statement-breakpoint
CREATE UNIQUE INDEX "marks_uq" ON "marks" USING btree ("enrolment_id","part_id","item_id","examiner_id","round");--> statement-breakpoint
CREATE INDEX "marks_plan_idx" ON "marks" USING btree ("plan_id","part_id");--> statement-breakpoint
CREATE INDEX "marks_examiner_idx" ON "marks" USING btree ("examiner_id");--> statement-breakpoint
CREATE INDEX "objections_plan_idx" ON "objections" USING btree ("plan_id","status");--> statement-breakpoint
CREATE INDEX "part_results_plan_idx" ON "part_results" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "supervision_flags_plan_idx" ON "supervision_flags" USING btree ("plan_id","status");