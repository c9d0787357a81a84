using WasmtimeRun;

return Runner.Run(args);
