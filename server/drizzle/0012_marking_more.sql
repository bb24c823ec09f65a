CREATE TABLE "remark_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"part_id" uuid NOT NULL,
	"enrolment_id" uuid NOT NULL,
	"item_id" uuid NOT NULL,
	"examiner_id" uuid NOT NULL,
	"objection_id" uuid,
	"reason" text NOT NULL,
	"status" varchar(8) DEFAULT 'open' NOT NULL,
	"requested_by" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"done_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "remark_requests" ADD CONSTRAINT "remark_requests_plan_id_plans_id_fk" FOREIGN KEY ("plan_id") REFERENCES "public"."plans"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remark_requests" ADD CONSTRAINT "remark_requests_part_id_plan_parts_id_fk" FOREIGN KEY ("part_id") REFERENCES "public"."plan_parts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remark_requests" ADD CONSTRAINT "remark_requests_enrolment_id_enrolments_id_fk" FOREIGN KEY ("enrolment_id") REFERENCES "public"."enrolments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remark_requests" ADD CONSTRAINT "remark_requests_item_id_items_id_fk" FOREIGN KEY ("item_id") REFERENCES "public"."items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remark_requests" ADD CONSTRAINT "remark_requests_examiner_id_users_id_fk" FOREIGN KEY ("examiner_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "remark_requests" ADD CONSTRAINT "remark_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "remark_requests_examiner_idx" ON "remark_requests" USING btree ("examiner_id","status");--> statement-breakpoint
CREATE INDEX "remark_requests_plan_idx" ON "remark_requests" USING btree ("plan_id");