return Kiln.Cli.KilnCli.Run(args, Console.Out, Console.Error);
