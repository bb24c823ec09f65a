CREATE TABLE "enrolments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"category" varchar(24) NOT NULL,
	"society_kind" varchar(20),
	"school_name" text,
	"major_code" varchar(12),
	"major_name" text,
	"class_name" text,
	"graduating_year" smallint,
	"attempts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" varchar(12) DEFAULT 'enrolled' NOT NULL,
	"source" varchar(8) NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" varchar(32) NOT NULL,
	"status" varchar(12) NOT NULL,
	"params" jsonb NOT NULL,
	"org_id" uuid,
	"created_by" uuid,
	"done" integer DEFAULT 0 NOT NULL,
	"total" integer DEFAULT 0 NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"lease_until" timestamp with time zone,
	"result" "bytea",
	"result_name" text,
	"result_type" text,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "persons" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"id_type" varchar(20) NOT NULL,
	"id_cipher" text NOT NULL,
	"id_hash" varchar(64) NOT NULL,
	"name" text NOT NULL,
	"gender" varchar(8) NOT NULL,
	"birth_date" date NOT NULL,
	"phone" text,
	"photo" "bytea",
	"photo_width" integer,
	"photo_height" integer,
	"photo_at" timestamp with time zone,
	"user_id" uuid,
	"activation_code_hash" char(64),
	"activation_issued_at" timestamp with time zone,
	"activated_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seat_assignments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"sitting_id" uuid NOT NULL,
	"seat" integer NOT NULL,
	"exam_number" varchar(32) NOT NULL,
	"seed" text,
	"manual" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "enrolments" ADD CONSTRAINT "enrolments_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "jobs" ADD CONSTRAINT "jobs_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "persons" ADD CONSTRAINT "persons_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_part_id_plan_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."plan_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "seat_assignments" ADD CONSTRAINT "seat_assignments_sitting_id_plan_sittings_id_fk" FOREIGN KEY ("sitting_id") REFERENCES "public"."plan_sittings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "enrolments_plan_person_uq" ON "enrolments" USING btree ("plan_id","person_id");--> statement-breakpoint
CREATE INDEX "enrolments_person_idx" ON "enrolments" USING btree ("person_id");--> statement-breakpoint
CREATE INDEX "enrolments_org_idx" ON "enrolments" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "jobs_status_idx" ON "jobs" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "jobs_creator_idx" ON "jobs" USING btree ("created_by");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_id_hash_uq" ON "persons" USING btree ("id_type","id_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "persons_user_uq" ON "persons" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_assignments_enrolment_part_uq" ON "seat_assignments" USING btree ("enrolment_id","part_id");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_assignments_sitting_seat_uq" ON "seat_assignments" USING btree ("sitting_id","seat");--> statement-breakpoint
CREATE UNIQUE INDEX "seat_assignments_exam_number_uq" ON "seat_assignments" USING btree ("exam_number");--> statement-breakpoint
CREATE INDEX "seat_assignments_plan_idx" ON "seat_assignments" USING btree ("plan_id");