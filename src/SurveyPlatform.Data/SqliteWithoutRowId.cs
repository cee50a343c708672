using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Migrations.Operations;
using Microsoft.EntityFrameworkCore.Sqlite.Migrations.Internal;
using Microsoft.EntityFrameworkCore.Update;

namespace SurveyPlatform.Data;

/// <summary>
/// Creates the response tables as SQLite <c>WITHOUT ROWID</c> tables, stored in the order of their random
/// primary key. An ordinary SQLite table has a hidden, increasing rowid that would reveal the order in
/// which responses arrived (anonymity.md rule 1).
/// </summary>
#pragma warning disable EF1001 // SqliteMigrationsSqlGenerator is internal API; its constructor is stable across 8–10.
public sealed class SqliteWithoutRowIdSqlGenerator(
    MigrationsSqlGeneratorDependencies dependencies,
    IRelationalAnnotationProvider annotations)
    : SqliteMigrationsSqlGenerator(dependencies, annotations)
#pragma warning restore EF1001
{
    /// <summary>Tables whose storage order must not reveal insertion order.</summary>
    public static readonly IReadOnlySet<string> Tables = new HashSet<string> { "Responses", "SubmissionReceipts", "RunCodes" };

    // EF rebuilds SQLite tables through a temporary copy; it must be WITHOUT ROWID as well.
    private const string RebuildPrefix = "ef_temp_";

    protected override void Generate(CreateTableOperation operation, IModel? model, MigrationCommandListBuilder builder, bool terminate = true)
    {
        var name = operation.Name.StartsWith(RebuildPrefix, StringComparison.Ordinal)
            ? operation.Name[RebuildPrefix.Length..]
            : operation.Name;
        if (!Tables.Contains(name))
        {
            base.Generate(operation, model, builder, terminate);
            return;
        }

        base.Generate(operation, model, builder, terminate: false);
        builder.Append(" WITHOUT ROWID");
        if (terminate)
        {
            builder.AppendLine(Dependencies.SqlGenerationHelper.StatementTerminator);
            EndStatement(builder);
        }
    }
}
