using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SurveyPlatform.Migrations.Sqlite.Migrations
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
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SharedValues",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Value = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
