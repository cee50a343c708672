using SurveyPlatform.Cli;

return SurveyCli.Run(args, Console.Out, Console.Error);
