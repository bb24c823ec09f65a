CREATE TABLE "external_certificates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"enrolment_id" uuid,
	"kind" varchar(16) NOT NULL,
	"channel" varchar(24) NOT NULL,
	"issuer_name" text NOT NULL,
	"number" varchar(64) NOT NULL,
	"occupation_code" varchar(32),
	"occupation_name" text NOT NULL,
	"work_type" text DEFAULT '--' NOT NULL,
	"level" smallint,
	"issued_on" char(10) NOT NULL,
	"major_code" varchar(6),
	"evidence_attachment_id" uuid,
	"status" varchar(10) DEFAULT 'recorded' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subsidy_claims" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"certificate_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"occupation_code" varchar(32) NOT NULL,
	"level" smallint NOT NULL,
	"region_code" char(6) NOT NULL,
	"amount" integer NOT NULL,
	"status" varchar(10) NOT NULL,
	"channel" varchar(8) NOT NULL,
	"checks" jsonb NOT NULL,
	"bank_account_cipher" text,
	"bank_account_masked" varchar(40),
	"applied_by" uuid,
	"applied_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_by" uuid,
	"reviewed_at" timestamp with time zone,
	"reason" text,
	"paid_on" char(10),
	"paid_amount" integer,
	"bank_reference" text,
	"paid_by" uuid
);
--> statement-breakpoint
ALTER TABLE "external_certificates" ADD CONSTRAINT "external_certificates_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_certificates" ADD CONSTRAINT "external_certificates_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_certificates" ADD CONSTRAINT "external_certificates_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_certificates" ADD CONSTRAINT "external_certificates_evidence_attachment_id_attachments_id_fk" FOREIGN KEY ("evidence_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "external_certificates" ADD CONSTRAINT "external_certificates_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_certificate_id_certificates_id_fk" FOREIGN KEY ("certificate_id") REFERENCES "public"."certificates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_applied_by_users_id_fk" FOREIGN KEY ("applied_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subsidy_claims" ADD CONSTRAINT "subsidy_claims_paid_by_users_id_fk" FOREIGN KEY ("paid_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "external_certificates_number_uq" ON "external_certificates" USING btree ("issuer_name","number");--> statement-breakpoint
CREATE INDEX "external_certificates_org_idx" ON "external_certificates" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "external_certificates_person_idx" ON "external_certificates" USING btree ("person_id");--> statement-breakpoint
CREATE UNIQUE INDEX "subsidy_claims_one_uq" ON "subsidy_claims" USING btree ("person_id","occupation_code","level") WHERE "subsidy_claims"."status" <> 'refused';--> statement-breakpoint
CREATE INDEX "subsidy_claims_region_idx" ON "subsidy_claims" USING btree ("region_code","status");--> statement-breakpoint
CREATE INDEX "subsidy_claims_certificate_idx" ON "subsidy_claims" USING btree ("certificate_id");