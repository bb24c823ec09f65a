CREATE TABLE "attachments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"uploaded_by" uuid,
	"filename" text NOT NULL,
	"mime_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" char(64) NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "eval_specs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"occupation_id" uuid NOT NULL,
	"levels" smallint[] NOT NULL,
	"title" text NOT NULL,
	"attachment_id" uuid,
	"theory" jsonb NOT NULL,
	"skills" jsonb NOT NULL,
	"status" varchar(16) NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"filed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filing_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"filing_id" uuid NOT NULL,
	"action" varchar(32) NOT NULL,
	"from_status" varchar(16),
	"to_status" varchar(16) NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"actor_org" text,
	"reason" text,
	"attachment_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"data" jsonb,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "filing_scope_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"filing_id" uuid NOT NULL,
	"position" smallint NOT NULL,
	"occupation_id" uuid,
	"special_item_id" uuid,
	"work_type" text,
	"level" smallint
);
--> statement-breakpoint
CREATE TABLE "filings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"type" varchar(16) NOT NULL,
	"institution_id" uuid,
	"status" varchar(16) NOT NULL,
	"profile_id" varchar(32) NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"note" text,
	"sites" jsonb NOT NULL,
	"assessors" jsonb NOT NULL,
	"attachment_ids" jsonb NOT NULL,
	"assessment" jsonb,
	"submitted_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institution_scope" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"occupation_id" uuid,
	"special_item_id" uuid,
	"work_type" text,
	"level" smallint,
	"filing_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "institutions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"kind" varchar(16) NOT NULL,
	"code" char(4) NOT NULL,
	"province" char(2) NOT NULL,
	"province_serial" integer NOT NULL,
	"certificate_prefix" char(13) NOT NULL,
	"status" varchar(16) NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"profile_id" varchar(32) NOT NULL,
	"prior_evaluated" integer DEFAULT 0 NOT NULL,
	"prior_source" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "major_occupations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"major_code" varchar(6) NOT NULL,
	"major_name" text NOT NULL,
	"occupation_id" uuid NOT NULL
);
--> statement-breakpoint
CREATE TABLE "occupations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" varchar(16) NOT NULL,
	"edition" varchar(8) NOT NULL,
	"name" text NOT NULL,
	"name_en" text,
	"levels" smallint[] NOT NULL,
	"standard_year" smallint,
	"standard_code" text,
	"work_types" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"former_codes" text[] DEFAULT '{}' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "serials" (
	"name" text PRIMARY KEY NOT NULL,
	"value" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_item_proposals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"province" char(2) NOT NULL,
	"name" text NOT NULL,
	"major_code" varchar(6) NOT NULL,
	"standard" text NOT NULL,
	"outline" text NOT NULL,
	"attachment_id" uuid,
	"status" varchar(16) NOT NULL,
	"review_note" text,
	"reviewed_by" uuid,
	"special_item_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "special_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"province" char(2) NOT NULL,
	"code" varchar(30),
	"name" text NOT NULL,
	"source" varchar(16) NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "violations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"institution_id" uuid NOT NULL,
	"type" text NOT NULL,
	"severity" varchar(16) NOT NULL,
	"description" text NOT NULL,
	"recorded_by" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_specs" ADD CONSTRAINT "eval_specs_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_specs" ADD CONSTRAINT "eval_specs_occupation_id_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_specs" ADD CONSTRAINT "eval_specs_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "eval_specs" ADD CONSTRAINT "eval_specs_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_events" ADD CONSTRAINT "filing_events_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_events" ADD CONSTRAINT "filing_events_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_scope_lines" ADD CONSTRAINT "filing_scope_lines_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_scope_lines" ADD CONSTRAINT "filing_scope_lines_occupation_id_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filing_scope_lines" ADD CONSTRAINT "filing_scope_lines_special_item_id_special_items_id_fk" FOREIGN KEY ("special_item_id") REFERENCES "public"."special_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "filings" ADD CONSTRAINT "filings_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_scope" ADD CONSTRAINT "institution_scope_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_scope" ADD CONSTRAINT "institution_scope_occupation_id_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_scope" ADD CONSTRAINT "institution_scope_special_item_id_special_items_id_fk" FOREIGN KEY ("special_item_id") REFERENCES "public"."special_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institution_scope" ADD CONSTRAINT "institution_scope_filing_id_filings_id_fk" FOREIGN KEY ("filing_id") REFERENCES "public"."filings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutions" ADD CONSTRAINT "institutions_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "major_occupations" ADD CONSTRAINT "major_occupations_occupation_id_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_item_proposals" ADD CONSTRAINT "special_item_proposals_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_item_proposals" ADD CONSTRAINT "special_item_proposals_attachment_id_attachments_id_fk" FOREIGN KEY ("attachment_id") REFERENCES "public"."attachments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_item_proposals" ADD CONSTRAINT "special_item_proposals_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "special_item_proposals" ADD CONSTRAINT "special_item_proposals_special_item_id_special_items_id_fk" FOREIGN KEY ("special_item_id") REFERENCES "public"."special_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "violations" ADD CONSTRAINT "violations_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "eval_specs_org_idx" ON "eval_specs" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "filing_events_filing_idx" ON "filing_events" USING btree ("filing_id");--> statement-breakpoint
CREATE INDEX "filing_scope_filing_idx" ON "filing_scope_lines" USING btree ("filing_id");--> statement-breakpoint
CREATE INDEX "filings_org_idx" ON "filings" USING btree ("org_id");--> statement-breakpoint
CREATE INDEX "filings_status_idx" ON "filings" USING btree ("status");--> statement-breakpoint
CREATE INDEX "institution_scope_inst_idx" ON "institution_scope" USING btree ("institution_id");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_org_kind_uq" ON "institutions" USING btree ("org_id","kind");--> statement-breakpoint
CREATE UNIQUE INDEX "institutions_prefix_uq" ON "institutions" USING btree ("certificate_prefix");--> statement-breakpoint
CREATE UNIQUE INDEX "major_occupations_uq" ON "major_occupations" USING btree ("major_code","occupation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "occupations_edition_code_uq" ON "occupations" USING btree ("edition","code");--> statement-breakpoint
CREATE UNIQUE INDEX "special_items_province_name_uq" ON "special_items" USING btree ("province","name");--> statement-breakpoint
CREATE INDEX "violations_inst_idx" ON "violations" USING btree ("institution_id");