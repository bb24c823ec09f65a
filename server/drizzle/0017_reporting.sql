CREATE TABLE "certificate_report_events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"batch_id" uuid,
	"from_status" varchar(12) NOT NULL,
	"to_status" varchar(12) NOT NULL,
	"source" varchar(12) NOT NULL,
	"note" text,
	"by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "certificate_reports" (
	"certificate_id" uuid PRIMARY KEY NOT NULL,
	"plan_id" uuid,
	"org_id" uuid NOT NULL,
	"hr_org_id" uuid NOT NULL,
	"status" varchar(12) NOT NULL,
	"batch_id" uuid NOT NULL,
	"reason" text,
	"correction_note" text,
	"corrected_at" timestamp with time zone,
	"national_status" varchar(10) DEFAULT 'none' NOT NULL,
	"national_reason" text,
	"uploaded_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "certificate_reports_status" CHECK ("certificate_reports"."status" in ('submitted', 'accepted', 'rejected', 'resubmitted')),
	CONSTRAINT "certificate_reports_national" CHECK ("certificate_reports"."national_status" in ('none', 'uploaded', 'accepted', 'rejected'))
);
--> statement-breakpoint
CREATE TABLE "report_batches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"institution_id" uuid,
	"hr_org_id" uuid NOT NULL,
	"kind" varchar(12) NOT NULL,
	"status" varchar(10) NOT NULL,
	"certificate_count" integer NOT NULL,
	"returned_count" integer DEFAULT 0 NOT NULL,
	"submitted_by" uuid,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "report_batches_status" CHECK ("report_batches"."status" in ('submitted', 'reviewed'))
);
--> statement-breakpoint
ALTER TABLE "certificate_report_events" ADD CONSTRAINT "certificate_report_events_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_report_events" ADD CONSTRAINT "certificate_report_events_batch_id_report_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."report_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_report_events" ADD CONSTRAINT "certificate_report_events_by_users_id_fk" FOREIGN KEY ("by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_reports" ADD CONSTRAINT "certificate_reports_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_reports" ADD CONSTRAINT "certificate_reports_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_reports" ADD CONSTRAINT "certificate_reports_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_reports" ADD CONSTRAINT "certificate_reports_hr_org_id_organisations_id_fk" FOREIGN KEY ("hr_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "certificate_reports" ADD CONSTRAINT "certificate_reports_batch_id_report_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."report_batches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_batches" ADD CONSTRAINT "report_batches_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_batches" ADD CONSTRAINT "report_batches_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_batches" ADD CONSTRAINT "report_batches_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_batches" ADD CONSTRAINT "report_batches_hr_org_id_organisations_id_fk" FOREIGN KEY ("hr_org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_batches" ADD CONSTRAINT "report_batches_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "report_batches" ADD CONSTRAINT "report_batches_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "certificate_report_events_cert_idx" ON "certificate_report_events" USING btree ("certificate_id","at");--> statement-breakpoint
CREATE INDEX "certificate_reports_batch_idx" ON "certificate_reports" USING btree ("batch_id");--> statement-breakpoint
CREATE INDEX "certificate_reports_hr_idx" ON "certificate_reports" USING btree ("hr_org_id","status");--> statement-breakpoint
CREATE INDEX "certificate_reports_plan_idx" ON "certificate_reports" USING btree ("plan_id");--> statement-breakpoint
CREATE INDEX "report_batches_hr_idx" ON "report_batches" USING btree ("hr_org_id","status");--> statement-breakpoint
CREATE INDEX "report_batches_org_idx" ON "report_batches" USING btree ("org_id","submitted_at");