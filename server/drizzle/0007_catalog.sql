ALTER TABLE "occupations" ADD COLUMN "initials" varchar(64) DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "occupations" ADD COLUMN "markings" text[] DEFAULT '{}' NOT NULL;--> statement-breakpoint
ALTER TABLE "occupations" ADD COLUMN "skill" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "occupations" ADD COLUMN "levels_verified" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "occupations" ADD COLUMN "standard_status" varchar(12) DEFAULT 'unknown' NOT NULL;--> statement-breakpoint
ALTER TABLE "occupations" ADD COLUMN "added_in" varchar(4);