IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoles] (
        [Id] nvarchar(450) NOT NULL,
        [Name] nvarchar(256) NULL,
        [NormalizedName] nvarchar(256) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoles] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [AspNetUsers] (
        [Id] nvarchar(450) NOT NULL,
        [UserName] nvarchar(256) NULL,
        [NormalizedUserName] nvarchar(256) NULL,
        [Email] nvarchar(256) NULL,
        [NormalizedEmail] nvarchar(256) NULL,
        [EmailConfirmed] bit NOT NULL,
        [PasswordHash] nvarchar(max) NULL,
        [SecurityStamp] nvarchar(max) NULL,
        [ConcurrencyStamp] nvarchar(max) NULL,
        [PhoneNumber] nvarchar(max) NULL,
        [PhoneNumberConfirmed] bit NOT NULL,
        [TwoFactorEnabled] bit NOT NULL,
        [LockoutEnd] datetimeoffset NULL,
        [LockoutEnabled] bit NOT NULL,
        [AccessFailedCount] int NOT NULL,
        CONSTRAINT [PK_AspNetUsers] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [AuditEvents] (
        [Id] uniqueidentifier NOT NULL,
        [At] datetimeoffset NOT NULL,
        [UserId] nvarchar(450) NULL,
        [UserName] nvarchar(256) NULL,
        [Action] nvarchar(50) NOT NULL,
        [OrganizationId] uniqueidentifier NULL,
        [Target] nvarchar(300) NULL,
        [Detail] nvarchar(2000) NULL,
        CONSTRAINT [PK_AuditEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [Organizations] (
        [Id] uniqueidentifier NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Kind] int NOT NULL,
        CONSTRAINT [PK_Organizations] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [SurveyVersions] (
        [Id] uniqueidentifier NOT NULL,
        [SurveyId] nvarchar(100) NOT NULL,
        [Version] nvarchar(50) NOT NULL,
        [Title] nvarchar(300) NOT NULL,
        [DefinitionJson] nvarchar(max) NOT NULL,
        [Sha256] nvarchar(64) NOT NULL,
        [OrganizationId] uniqueidentifier NULL,
        CONSTRAINT [PK_SurveyVersions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [AspNetRoleClaims] (
        [Id] int NOT NULL IDENTITY,
        [RoleId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetRoleClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetRoleClaims_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserClaims] (
        [Id] int NOT NULL IDENTITY,
        [UserId] nvarchar(450) NOT NULL,
        [ClaimType] nvarchar(max) NULL,
        [ClaimValue] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserClaims] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_AspNetUserClaims_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserLogins] (
        [LoginProvider] nvarchar(450) NOT NULL,
        [ProviderKey] nvarchar(450) NOT NULL,
        [ProviderDisplayName] nvarchar(max) NULL,
        [UserId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserLogins] PRIMARY KEY ([LoginProvider], [ProviderKey]),
        CONSTRAINT [FK_AspNetUserLogins_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserRoles] (
        [UserId] nvarchar(450) NOT NULL,
        [RoleId] nvarchar(450) NOT NULL,
        CONSTRAINT [PK_AspNetUserRoles] PRIMARY KEY ([UserId], [RoleId]),
        CONSTRAINT [FK_AspNetUserRoles_AspNetRoles_RoleId] FOREIGN KEY ([RoleId]) REFERENCES [AspNetRoles] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_AspNetUserRoles_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [AspNetUserTokens] (
        [UserId] nvarchar(450) NOT NULL,
        [LoginProvider] nvarchar(450) NOT NULL,
        [Name] nvarchar(450) NOT NULL,
        [Value] nvarchar(max) NULL,
        CONSTRAINT [PK_AspNetUserTokens] PRIMARY KEY ([UserId], [LoginProvider], [Name]),
        CONSTRAINT [FK_AspNetUserTokens_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [Invitations] (
        [Id] uniqueidentifier NOT NULL,
        [TokenHash] varbinary(32) NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Role] int NOT NULL,
        [Email] nvarchar(256) NULL,
        [CreatedByUserId] nvarchar(450) NOT NULL,
        [ExpiresAt] datetimeoffset NOT NULL,
        [AcceptedAt] datetimeoffset NULL,
        CONSTRAINT [PK_Invitations] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Invitations_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [Memberships] (
        [Id] uniqueidentifier NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        [Role] int NOT NULL,
        CONSTRAINT [PK_Memberships] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Memberships_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Memberships_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [Runs] (
        [Id] uniqueidentifier NOT NULL,
        [Slug] nvarchar(100) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [SurveyVersionId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NULL,
        [Status] int NOT NULL,
        [Mode] int NOT NULL,
        [AreaCodes] nvarchar(2000) NOT NULL,
        [AreaLabelsJson] nvarchar(max) NOT NULL,
        [OpensOn] date NULL,
        [ClosesOn] date NULL,
        [Wave] nvarchar(50) NULL,
        [Site] nvarchar(50) NULL,
        [DatePrecision] int NOT NULL,
        [QuickExitUrl] nvarchar(500) NULL,
        [IsPublished] bit NOT NULL,
        [MinCellSize] int NOT NULL,
        [AllowPaperEntry] bit NOT NULL,
        CONSTRAINT [PK_Runs] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Runs_SurveyVersions_SurveyVersionId] FOREIGN KEY ([SurveyVersionId]) REFERENCES [SurveyVersions] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [Responses] (
        [Id] uniqueidentifier NOT NULL,
        [RunId] uniqueidentifier NOT NULL,
        [Day] date NOT NULL,
        [Lang] nvarchar(20) NOT NULL,
        [Mode] int NOT NULL,
        [AnswersJson] nvarchar(max) NOT NULL,
        [Weight] float NULL,
        [Wave] nvarchar(50) NULL,
        [Site] nvarchar(50) NULL,
        CONSTRAINT [PK_Responses] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Responses_Runs_RunId] FOREIGN KEY ([RunId]) REFERENCES [Runs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [RunCodes] (
        [CodeHash] varbinary(32) NOT NULL,
        [RunId] uniqueidentifier NOT NULL,
        [Used] bit NOT NULL,
        CONSTRAINT [PK_RunCodes] PRIMARY KEY ([CodeHash]),
        CONSTRAINT [FK_RunCodes_Runs_RunId] FOREIGN KEY ([RunId]) REFERENCES [Runs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [RunShares] (
        [RunId] uniqueidentifier NOT NULL,
        [OrganizationId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_RunShares] PRIMARY KEY ([RunId], [OrganizationId]),
        CONSTRAINT [FK_RunShares_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_RunShares_Runs_RunId] FOREIGN KEY ([RunId]) REFERENCES [Runs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE TABLE [SubmissionReceipts] (
        [NonceHash] varbinary(32) NOT NULL,
        [RunId] uniqueidentifier NOT NULL,
        CONSTRAINT [PK_SubmissionReceipts] PRIMARY KEY ([NonceHash]),
        CONSTRAINT [FK_SubmissionReceipts_Runs_RunId] FOREIGN KEY ([RunId]) REFERENCES [Runs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetRoleClaims_RoleId] ON [AspNetRoleClaims] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserClaims_UserId] ON [AspNetUserClaims] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserLogins_UserId] ON [AspNetUserLogins] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_AspNetUserRoles_RoleId] ON [AspNetUserRoles] ([RoleId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_At] ON [AuditEvents] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_Invitations_OrganizationId] ON [Invitations] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Invitations_TokenHash] ON [Invitations] ([TokenHash]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_Memberships_OrganizationId] ON [Memberships] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Memberships_UserId_OrganizationId] ON [Memberships] ([UserId], [OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Organizations_Name] ON [Organizations] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_Responses_RunId] ON [Responses] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_RunCodes_RunId] ON [RunCodes] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Runs_Slug] ON [Runs] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_Runs_SurveyVersionId] ON [Runs] ([SurveyVersionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_RunShares_OrganizationId] ON [RunShares] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_SubmissionReceipts_RunId] ON [SubmissionReceipts] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    CREATE INDEX [IX_SurveyVersions_SurveyId_Sha256] ON [SurveyVersions] ([SurveyId], [Sha256]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261125035653_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261125035653_Initial', N'10.0.12');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var nvarchar(max);
    SELECT @var = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[SurveyVersions]') AND [c].[name] = N'Version');
    IF @var IS NOT NULL EXEC(N'ALTER TABLE [SurveyVersions] DROP CONSTRAINT ' + @var + ';');
    ALTER TABLE [SurveyVersions] ALTER COLUMN [Version] nvarchar(50) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var1 nvarchar(max);
    SELECT @var1 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[SurveyVersions]') AND [c].[name] = N'Title');
    IF @var1 IS NOT NULL EXEC(N'ALTER TABLE [SurveyVersions] DROP CONSTRAINT ' + @var1 + ';');
    ALTER TABLE [SurveyVersions] ALTER COLUMN [Title] nvarchar(300) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DROP INDEX [IX_SurveyVersions_SurveyId_Sha256] ON [SurveyVersions];
    DECLARE @var2 nvarchar(max);
    SELECT @var2 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[SurveyVersions]') AND [c].[name] = N'SurveyId');
    IF @var2 IS NOT NULL EXEC(N'ALTER TABLE [SurveyVersions] DROP CONSTRAINT ' + @var2 + ';');
    ALTER TABLE [SurveyVersions] ALTER COLUMN [SurveyId] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
    CREATE INDEX [IX_SurveyVersions_SurveyId_Sha256] ON [SurveyVersions] ([SurveyId], [Sha256]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DROP INDEX [IX_SurveyVersions_SurveyId_Sha256] ON [SurveyVersions];
    DECLARE @var3 nvarchar(max);
    SELECT @var3 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[SurveyVersions]') AND [c].[name] = N'Sha256');
    IF @var3 IS NOT NULL EXEC(N'ALTER TABLE [SurveyVersions] DROP CONSTRAINT ' + @var3 + ';');
    ALTER TABLE [SurveyVersions] ALTER COLUMN [Sha256] nvarchar(64) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
    CREATE INDEX [IX_SurveyVersions_SurveyId_Sha256] ON [SurveyVersions] ([SurveyId], [Sha256]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var4 nvarchar(max);
    SELECT @var4 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[SurveyVersions]') AND [c].[name] = N'DefinitionJson');
    IF @var4 IS NOT NULL EXEC(N'ALTER TABLE [SurveyVersions] DROP CONSTRAINT ' + @var4 + ';');
    ALTER TABLE [SurveyVersions] ALTER COLUMN [DefinitionJson] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var5 nvarchar(max);
    SELECT @var5 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Runs]') AND [c].[name] = N'Wave');
    IF @var5 IS NOT NULL EXEC(N'ALTER TABLE [Runs] DROP CONSTRAINT ' + @var5 + ';');
    ALTER TABLE [Runs] ALTER COLUMN [Wave] nvarchar(50) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DROP INDEX [IX_Runs_Slug] ON [Runs];
    DECLARE @var6 nvarchar(max);
    SELECT @var6 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Runs]') AND [c].[name] = N'Slug');
    IF @var6 IS NOT NULL EXEC(N'ALTER TABLE [Runs] DROP CONSTRAINT ' + @var6 + ';');
    ALTER TABLE [Runs] ALTER COLUMN [Slug] nvarchar(100) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
    CREATE UNIQUE INDEX [IX_Runs_Slug] ON [Runs] ([Slug]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var7 nvarchar(max);
    SELECT @var7 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Runs]') AND [c].[name] = N'Site');
    IF @var7 IS NOT NULL EXEC(N'ALTER TABLE [Runs] DROP CONSTRAINT ' + @var7 + ';');
    ALTER TABLE [Runs] ALTER COLUMN [Site] nvarchar(50) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var8 nvarchar(max);
    SELECT @var8 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Runs]') AND [c].[name] = N'QuickExitUrl');
    IF @var8 IS NOT NULL EXEC(N'ALTER TABLE [Runs] DROP CONSTRAINT ' + @var8 + ';');
    ALTER TABLE [Runs] ALTER COLUMN [QuickExitUrl] nvarchar(500) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var9 nvarchar(max);
    SELECT @var9 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Runs]') AND [c].[name] = N'Name');
    IF @var9 IS NOT NULL EXEC(N'ALTER TABLE [Runs] DROP CONSTRAINT ' + @var9 + ';');
    ALTER TABLE [Runs] ALTER COLUMN [Name] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var10 nvarchar(max);
    SELECT @var10 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Runs]') AND [c].[name] = N'AreaLabelsJson');
    IF @var10 IS NOT NULL EXEC(N'ALTER TABLE [Runs] DROP CONSTRAINT ' + @var10 + ';');
    ALTER TABLE [Runs] ALTER COLUMN [AreaLabelsJson] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var11 nvarchar(max);
    SELECT @var11 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Runs]') AND [c].[name] = N'AreaCodes');
    IF @var11 IS NOT NULL EXEC(N'ALTER TABLE [Runs] DROP CONSTRAINT ' + @var11 + ';');
    ALTER TABLE [Runs] ALTER COLUMN [AreaCodes] nvarchar(2000) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    ALTER TABLE [Runs] ADD [HelpLinesJson] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NOT NULL DEFAULT N'';
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    ALTER TABLE [Runs] ADD [HoldsSyntheticResponses] bit NOT NULL DEFAULT CAST(0 AS bit);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var12 nvarchar(max);
    SELECT @var12 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Responses]') AND [c].[name] = N'Wave');
    IF @var12 IS NOT NULL EXEC(N'ALTER TABLE [Responses] DROP CONSTRAINT ' + @var12 + ';');
    ALTER TABLE [Responses] ALTER COLUMN [Wave] nvarchar(50) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var13 nvarchar(max);
    SELECT @var13 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Responses]') AND [c].[name] = N'Site');
    IF @var13 IS NOT NULL EXEC(N'ALTER TABLE [Responses] DROP CONSTRAINT ' + @var13 + ';');
    ALTER TABLE [Responses] ALTER COLUMN [Site] nvarchar(50) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var14 nvarchar(max);
    SELECT @var14 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Responses]') AND [c].[name] = N'Lang');
    IF @var14 IS NOT NULL EXEC(N'ALTER TABLE [Responses] DROP CONSTRAINT ' + @var14 + ';');
    ALTER TABLE [Responses] ALTER COLUMN [Lang] nvarchar(20) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var15 nvarchar(max);
    SELECT @var15 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Responses]') AND [c].[name] = N'AnswersJson');
    IF @var15 IS NOT NULL EXEC(N'ALTER TABLE [Responses] DROP CONSTRAINT ' + @var15 + ';');
    ALTER TABLE [Responses] ALTER COLUMN [AnswersJson] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DROP INDEX [IX_Organizations_Name] ON [Organizations];
    DECLARE @var16 nvarchar(max);
    SELECT @var16 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Organizations]') AND [c].[name] = N'Name');
    IF @var16 IS NOT NULL EXEC(N'ALTER TABLE [Organizations] DROP CONSTRAINT ' + @var16 + ';');
    ALTER TABLE [Organizations] ALTER COLUMN [Name] nvarchar(200) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
    CREATE UNIQUE INDEX [IX_Organizations_Name] ON [Organizations] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var17 nvarchar(max);
    SELECT @var17 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Invitations]') AND [c].[name] = N'Email');
    IF @var17 IS NOT NULL EXEC(N'ALTER TABLE [Invitations] DROP CONSTRAINT ' + @var17 + ';');
    ALTER TABLE [Invitations] ALTER COLUMN [Email] nvarchar(256) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var18 nvarchar(max);
    SELECT @var18 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[Invitations]') AND [c].[name] = N'CreatedByUserId');
    IF @var18 IS NOT NULL EXEC(N'ALTER TABLE [Invitations] DROP CONSTRAINT ' + @var18 + ';');
    ALTER TABLE [Invitations] ALTER COLUMN [CreatedByUserId] nvarchar(450) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var19 nvarchar(max);
    SELECT @var19 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AuditEvents]') AND [c].[name] = N'UserName');
    IF @var19 IS NOT NULL EXEC(N'ALTER TABLE [AuditEvents] DROP CONSTRAINT ' + @var19 + ';');
    ALTER TABLE [AuditEvents] ALTER COLUMN [UserName] nvarchar(256) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var20 nvarchar(max);
    SELECT @var20 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AuditEvents]') AND [c].[name] = N'UserId');
    IF @var20 IS NOT NULL EXEC(N'ALTER TABLE [AuditEvents] DROP CONSTRAINT ' + @var20 + ';');
    ALTER TABLE [AuditEvents] ALTER COLUMN [UserId] nvarchar(450) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var21 nvarchar(max);
    SELECT @var21 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AuditEvents]') AND [c].[name] = N'Target');
    IF @var21 IS NOT NULL EXEC(N'ALTER TABLE [AuditEvents] DROP CONSTRAINT ' + @var21 + ';');
    ALTER TABLE [AuditEvents] ALTER COLUMN [Target] nvarchar(300) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var22 nvarchar(max);
    SELECT @var22 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AuditEvents]') AND [c].[name] = N'Detail');
    IF @var22 IS NOT NULL EXEC(N'ALTER TABLE [AuditEvents] DROP CONSTRAINT ' + @var22 + ';');
    ALTER TABLE [AuditEvents] ALTER COLUMN [Detail] nvarchar(2000) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var23 nvarchar(max);
    SELECT @var23 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AuditEvents]') AND [c].[name] = N'Action');
    IF @var23 IS NOT NULL EXEC(N'ALTER TABLE [AuditEvents] DROP CONSTRAINT ' + @var23 + ';');
    ALTER TABLE [AuditEvents] ALTER COLUMN [Action] nvarchar(50) COLLATE Latin1_General_100_CS_AS_SC NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var24 nvarchar(max);
    SELECT @var24 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUserTokens]') AND [c].[name] = N'Value');
    IF @var24 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUserTokens] DROP CONSTRAINT ' + @var24 + ';');
    ALTER TABLE [AspNetUserTokens] ALTER COLUMN [Value] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var25 nvarchar(max);
    SELECT @var25 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'UserName');
    IF @var25 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var25 + ';');
    ALTER TABLE [AspNetUsers] ALTER COLUMN [UserName] nvarchar(256) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var26 nvarchar(max);
    SELECT @var26 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'SecurityStamp');
    IF @var26 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var26 + ';');
    ALTER TABLE [AspNetUsers] ALTER COLUMN [SecurityStamp] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var27 nvarchar(max);
    SELECT @var27 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'PhoneNumber');
    IF @var27 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var27 + ';');
    ALTER TABLE [AspNetUsers] ALTER COLUMN [PhoneNumber] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var28 nvarchar(max);
    SELECT @var28 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'PasswordHash');
    IF @var28 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var28 + ';');
    ALTER TABLE [AspNetUsers] ALTER COLUMN [PasswordHash] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DROP INDEX [UserNameIndex] ON [AspNetUsers];
    DECLARE @var29 nvarchar(max);
    SELECT @var29 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'NormalizedUserName');
    IF @var29 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var29 + ';');
    ALTER TABLE [AspNetUsers] ALTER COLUMN [NormalizedUserName] nvarchar(256) COLLATE Latin1_General_100_CS_AS_SC NULL;
    EXEC(N'CREATE UNIQUE INDEX [UserNameIndex] ON [AspNetUsers] ([NormalizedUserName]) WHERE [NormalizedUserName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DROP INDEX [EmailIndex] ON [AspNetUsers];
    DECLARE @var30 nvarchar(max);
    SELECT @var30 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'NormalizedEmail');
    IF @var30 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var30 + ';');
    ALTER TABLE [AspNetUsers] ALTER COLUMN [NormalizedEmail] nvarchar(256) COLLATE Latin1_General_100_CS_AS_SC NULL;
    CREATE INDEX [EmailIndex] ON [AspNetUsers] ([NormalizedEmail]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var31 nvarchar(max);
    SELECT @var31 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'Email');
    IF @var31 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var31 + ';');
    ALTER TABLE [AspNetUsers] ALTER COLUMN [Email] nvarchar(256) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var32 nvarchar(max);
    SELECT @var32 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUsers]') AND [c].[name] = N'ConcurrencyStamp');
    IF @var32 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUsers] DROP CONSTRAINT ' + @var32 + ';');
    ALTER TABLE [AspNetUsers] ALTER COLUMN [ConcurrencyStamp] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var33 nvarchar(max);
    SELECT @var33 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUserLogins]') AND [c].[name] = N'ProviderDisplayName');
    IF @var33 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUserLogins] DROP CONSTRAINT ' + @var33 + ';');
    ALTER TABLE [AspNetUserLogins] ALTER COLUMN [ProviderDisplayName] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var34 nvarchar(max);
    SELECT @var34 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUserClaims]') AND [c].[name] = N'ClaimValue');
    IF @var34 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUserClaims] DROP CONSTRAINT ' + @var34 + ';');
    ALTER TABLE [AspNetUserClaims] ALTER COLUMN [ClaimValue] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var35 nvarchar(max);
    SELECT @var35 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetUserClaims]') AND [c].[name] = N'ClaimType');
    IF @var35 IS NOT NULL EXEC(N'ALTER TABLE [AspNetUserClaims] DROP CONSTRAINT ' + @var35 + ';');
    ALTER TABLE [AspNetUserClaims] ALTER COLUMN [ClaimType] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DROP INDEX [RoleNameIndex] ON [AspNetRoles];
    DECLARE @var36 nvarchar(max);
    SELECT @var36 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetRoles]') AND [c].[name] = N'NormalizedName');
    IF @var36 IS NOT NULL EXEC(N'ALTER TABLE [AspNetRoles] DROP CONSTRAINT ' + @var36 + ';');
    ALTER TABLE [AspNetRoles] ALTER COLUMN [NormalizedName] nvarchar(256) COLLATE Latin1_General_100_CS_AS_SC NULL;
    EXEC(N'CREATE UNIQUE INDEX [RoleNameIndex] ON [AspNetRoles] ([NormalizedName]) WHERE [NormalizedName] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var37 nvarchar(max);
    SELECT @var37 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetRoles]') AND [c].[name] = N'Name');
    IF @var37 IS NOT NULL EXEC(N'ALTER TABLE [AspNetRoles] DROP CONSTRAINT ' + @var37 + ';');
    ALTER TABLE [AspNetRoles] ALTER COLUMN [Name] nvarchar(256) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var38 nvarchar(max);
    SELECT @var38 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetRoles]') AND [c].[name] = N'ConcurrencyStamp');
    IF @var38 IS NOT NULL EXEC(N'ALTER TABLE [AspNetRoles] DROP CONSTRAINT ' + @var38 + ';');
    ALTER TABLE [AspNetRoles] ALTER COLUMN [ConcurrencyStamp] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var39 nvarchar(max);
    SELECT @var39 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetRoleClaims]') AND [c].[name] = N'ClaimValue');
    IF @var39 IS NOT NULL EXEC(N'ALTER TABLE [AspNetRoleClaims] DROP CONSTRAINT ' + @var39 + ';');
    ALTER TABLE [AspNetRoleClaims] ALTER COLUMN [ClaimValue] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    DECLARE @var40 nvarchar(max);
    SELECT @var40 = QUOTENAME([d].[name])
    FROM [sys].[default_constraints] [d]
    INNER JOIN [sys].[columns] [c] ON [d].[parent_column_id] = [c].[column_id] AND [d].[parent_object_id] = [c].[object_id]
    WHERE ([d].[parent_object_id] = OBJECT_ID(N'[AspNetRoleClaims]') AND [c].[name] = N'ClaimType');
    IF @var40 IS NOT NULL EXEC(N'ALTER TABLE [AspNetRoleClaims] DROP CONSTRAINT ' + @var40 + ';');
    ALTER TABLE [AspNetRoleClaims] ALTER COLUMN [ClaimType] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE TABLE [ConsoleSessions] (
        [Id] nvarchar(32) NOT NULL,
        [UserId] nvarchar(450) NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [EndedAt] datetime2 NULL,
        [ReauthenticatedAt] datetime2 NULL,
        CONSTRAINT [PK_ConsoleSessions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ConsoleSessions_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE TABLE [DataProtectionKeys] (
        [Id] int NOT NULL IDENTITY,
        [FriendlyName] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL,
        [Xml] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NULL,
        CONSTRAINT [PK_DataProtectionKeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE TABLE [Releases] (
        [Id] uniqueidentifier NOT NULL,
        [RunId] uniqueidentifier NOT NULL,
        [Responses] int NOT NULL,
        [CreatedOn] date NOT NULL,
        [InputSha256] nvarchar(64) COLLATE Latin1_General_100_CS_AS_SC NOT NULL,
        [Content] nvarchar(max) COLLATE Latin1_General_100_CS_AS_SC NOT NULL,
        CONSTRAINT [PK_Releases] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Releases_Runs_RunId] FOREIGN KEY ([RunId]) REFERENCES [Runs] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE TABLE [SharedValues] (
        [Name] nvarchar(200) NOT NULL,
        [Value] varbinary(max) NOT NULL,
        [ExpiresUtc] datetime2 NULL,
        CONSTRAINT [PK_SharedValues] PRIMARY KEY ([Name])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE TABLE [UsedAuthenticatorCodes] (
        [UserId] nvarchar(450) NOT NULL,
        [TimeStep] bigint NOT NULL,
        CONSTRAINT [PK_UsedAuthenticatorCodes] PRIMARY KEY ([UserId], [TimeStep]),
        CONSTRAINT [FK_UsedAuthenticatorCodes_AspNetUsers_UserId] FOREIGN KEY ([UserId]) REFERENCES [AspNetUsers] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE INDEX [IX_SurveyVersions_OrganizationId] ON [SurveyVersions] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE INDEX [IX_Runs_OrganizationId] ON [Runs] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE INDEX [IX_AuditEvents_OrganizationId] ON [AuditEvents] ([OrganizationId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE INDEX [IX_ConsoleSessions_StartedAt] ON [ConsoleSessions] ([StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE INDEX [IX_ConsoleSessions_UserId] ON [ConsoleSessions] ([UserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    CREATE INDEX [IX_Releases_RunId] ON [Releases] ([RunId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    ALTER TABLE [AuditEvents] ADD CONSTRAINT [FK_AuditEvents_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    ALTER TABLE [Runs] ADD CONSTRAINT [FK_Runs_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    ALTER TABLE [SurveyVersions] ADD CONSTRAINT [FK_SurveyVersions_Organizations_OrganizationId] FOREIGN KEY ([OrganizationId]) REFERENCES [Organizations] ([Id]) ON DELETE NO ACTION;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206220843_PlatformUpdate'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206220843_PlatformUpdate', N'10.0.12');
END;

COMMIT;
GO

