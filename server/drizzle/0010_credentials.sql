CREATE TABLE "credential_issuer_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"key_no" integer NOT NULL,
	"algorithm" varchar(16) NOT NULL,
	"public_key_multibase" text NOT NULL,
	"secret_key_sealed" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_issuer_keys_algorithm" CHECK ("credential_issuer_keys"."algorithm" in ('Ed25519', 'SM2')),
	CONSTRAINT "credential_issuer_keys_validity" CHECK ("credential_issuer_keys"."valid_until" is null or "credential_issuer_keys"."valid_until" >= "credential_issuer_keys"."valid_from")
);
--> statement-breakpoint
CREATE TABLE "credential_status_lists" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"org_id" uuid NOT NULL,
	"purpose" varchar(16) DEFAULT 'revocation' NOT NULL,
	"length" integer NOT NULL,
	"next_index" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 0 NOT NULL,
	"signed_version" integer,
	"signed_credential" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_status_lists_next" CHECK ("credential_status_lists"."next_index" >= 0 and "credential_status_lists"."next_index" <= "credential_status_lists"."length")
);
--> statement-breakpoint
CREATE TABLE "credential_status_revocations" (
	"list_id" uuid NOT NULL,
	"status_index" integer NOT NULL,
	"revoked_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "credential_status_revocations_list_id_status_index_pk" PRIMARY KEY("list_id","status_index")
);
--> statement-breakpoint
ALTER TABLE "credential_issuer_keys" ADD CONSTRAINT "credential_issuer_keys_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_status_lists" ADD CONSTRAINT "credential_status_lists_org_id_organisations_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "credential_status_revocations" ADD CONSTRAINT "credential_status_revocations_list_id_credential_status_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."credential_status_lists"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "credential_issuer_keys_org_no" ON "credential_issuer_keys" USING btree ("org_id","key_no");--> statement-breakpoint
CREATE INDEX "credential_status_lists_org" ON "credential_status_lists" USING btree ("org_id","created_at");