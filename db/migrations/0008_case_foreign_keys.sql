ALTER TABLE "service_case" DROP CONSTRAINT "service_case_implementation_version_id_implementation_version_id_fk";
--> statement-breakpoint
ALTER TABLE "service_case" DROP CONSTRAINT "service_case_department_id_department_id_fk";
--> statement-breakpoint
ALTER TABLE "service_case" DROP CONSTRAINT "service_case_region_code_region_code_fk";
