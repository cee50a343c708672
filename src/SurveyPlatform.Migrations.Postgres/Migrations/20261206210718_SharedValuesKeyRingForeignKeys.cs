using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace SurveyPlatform.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class SharedValuesKeyRingForeignKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedValues",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Value = table.Column<byte[]>(type: "bytea", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedValues", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyVersions_OrganizationId",
                table: "SurveyVersions",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Runs_OrganizationId",
                table: "Runs",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OrganizationId",
                table: "AuditEvents",
                column: "OrganizationId");

            migrationBuilder.AddForeignKey(
                name: "FK_AuditEvents_Organizations_OrganizationId",
                table: "AuditEvents",
                column: "OrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Runs_Organizations_OrganizationId",
                table: "Runs",
                column: "OrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_SurveyVersions_Organizations_OrganizationId",
                table: "SurveyVersions",
                column: "OrganizationId",
                principalTable: "Organizations",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_AuditEvents_Organizations_OrganizationId",
                table: "AuditEvents");

            migrationBuilder.DropForeignKey(
                name: "FK_Runs_Organizations_OrganizationId",
                table: "Runs");

            migrationBuilder.DropForeignKey(
                name: "FK_SurveyVersions_Organizations_OrganizationId",
                table: "SurveyVersions");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "SharedValues");

            migrationBuilder.DropIndex(
                name: "IX_SurveyVersions_OrganizationId",
                table: "SurveyVersions");

            migrationBuilder.DropIndex(
                name: "IX_Runs_OrganizationId",
                table: "Runs");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_OrganizationId",
                table: "AuditEvents");
        }
    }
}
