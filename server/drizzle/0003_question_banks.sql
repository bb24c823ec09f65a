CREATE TABLE "blueprints" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"occupation_id" uuid NOT NULL,
	"level" smallint NOT NULL,
	"basis" jsonb NOT NULL,
	"theory" jsonb NOT NULL,
	"skills" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "course_areas" (
	"course_id" uuid NOT NULL,
	"blueprint_id" uuid NOT NULL,
	"part" varchar(8) NOT NULL,
	"area_code" text NOT NULL,
	CONSTRAINT "course_areas_course_id_blueprint_id_part_area_code_pk" PRIMARY KEY("course_id","blueprint_id","part","area_code")
);
--> statement-breakpoint
CREATE TABLE "courses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"major_code" varchar(6),
	"hours" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "item_responses" (
	"paper_id" uuid NOT NULL,
	"candidate" text NOT NULL,
	"item_id" uuid NOT NULL,
	"score" double precision NOT NULL,
	"max_score" double precision NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_responses_paper_id_candidate_item_id_pk" PRIMARY KEY("paper_id","candidate","item_id")
);
--> statement-breakpoint
CREATE TABLE "item_versions" (
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"content" jsonb NOT NULL,
	"edited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "item_versions_item_id_version_pk" PRIMARY KEY("item_id","version")
);
--> statement-breakpoint
CREATE TABLE "items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"blueprint_id" uuid NOT NULL,
	"type" varchar(16) NOT NULL,
	"version" integer NOT NULL,
	"status" varchar(16) NOT NULL,
	"fingerprint" varchar(32) NOT NULL,
	"area_code" text NOT NULL,
	"point_code" text,
	"stem" text NOT NULL,
	"options" jsonb NOT NULL,
	"answer" jsonb NOT NULL,
	"reference_answer" text,
	"points" double precision NOT NULL,
	"difficulty" smallint NOT NULL,
	"analysis" text,
	"rubric" jsonb,
	"source" varchar(8) NOT NULL,
	"author_id" uuid,
	"reviewer_id" uuid,
	"reviewer_name" text,
	"reviewed_at" timestamp with time zone,
	"stats_responses" integer DEFAULT 0 NOT NULL,
	"stats_p" double precision,
	"stats_discrimination" double precision,
	"flag_reasons" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"stats_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "paper_items" (
	"paper_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"item_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"points" double precision NOT NULL,
	CONSTRAINT "paper_items_paper_id_position_pk" PRIMARY KEY("paper_id","position")
);
--> statement-breakpoint
CREATE TABLE "papers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"blueprint_id" uuid NOT NULL,
	"part" varchar(8) NOT NULL,
	"assembly_id" uuid NOT NULL,
	"name" text NOT NULL,
	"variant" varchar(4) NOT NULL,
	"seed" text NOT NULL,
	"source" varchar(16) NOT NULL,
	"source_identifier" text,
	"item_count" integer NOT NULL,
	"total_score" double precision NOT NULL,
	"mean_difficulty" double precision NOT NULL,
	"tolerance" double precision NOT NULL,
	"coverage" jsonb NOT NULL,
	"warnings" jsonb NOT NULL,
	"params" jsonb NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blueprints" ADD CONSTRAINT "blueprints_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blueprints" ADD CONSTRAINT "blueprints_occupation_id_occupations_id_fk" FOREIGN KEY ("occupation_id") REFERENCES "public"."occupations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_areas" ADD CONSTRAINT "course_areas_course_id_courses_id_fk" FOREIGN KEY ("course_id") REFERENCES "public"."courses"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "course_areas" ADD CONSTRAINT "course_areas_blueprint_id_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."blueprints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "courses" ADD CONSTRAINT "courses_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_responses" ADD CONSTRAINT "item_responses_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_responses" ADD CONSTRAINT "item_responses_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_versions" ADD CONSTRAINT "item_versions_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "item_versions" ADD CONSTRAINT "item_versions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_blueprint_id_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."blueprints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "items" ADD CONSTRAINT "items_reviewer_id_users_id_fk" FOREIGN KEY ("reviewer_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_items" ADD CONSTRAINT "paper_items_paper_id_papers_id_fk" FOREIGN KEY ("paper_id") REFERENCES "public"."papers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "paper_items" ADD CONSTRAINT "paper_items_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_blueprint_id_blueprints_id_fk" FOREIGN KEY ("blueprint_id") REFERENCES "public"."blueprints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "papers" ADD CONSTRAINT "papers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "blueprints_org_occ_level_uq" ON "blueprints" USING btree ("org_id","occupation_id","level");--> statement-breakpoint
CREATE INDEX "course_areas_blueprint_idx" ON "course_areas" USING btree ("blueprint_id");--> statement-breakpoint
CREATE INDEX "item_responses_item_idx" ON "item_responses" USING btree ("item_id");--> statement-breakpoint
CREATE UNIQUE INDEX "items_blueprint_fingerprint_uq" ON "items" USING btree ("blueprint_id","fingerprint");--> statement-breakpoint
CREATE INDEX "items_org_blueprint_idx" ON "items" USING btree ("org_id","blueprint_id","status");--> statement-breakpoint
CREATE INDEX "paper_items_item_idx" ON "paper_items" USING btree ("item_id");--> statement-breakpoint
CREATE INDEX "papers_org_idx" ON "papers" USING btree ("org_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "papers_source_uq" ON "papers" USING btree ("org_id","source_identifier");