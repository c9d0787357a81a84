using Kiln.Binary;
using Kiln.Text;
using Kiln.Validation;

namespace Kiln.Wast;

/// <summary>
/// Runs the commands of one script in order, keeping its modules, instances and registrations, and records a
/// pass or a failure per assertion. Every command runs under a guard: whatever a module or the engine throws
/// becomes a failure of that command, and the script goes on.
/// </summary>
internal sealed class WastSession
{
    private readonly IWastExecutor _executor;
    private readonly Dictionary<string, Instance> _registered = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Instance?> _named = new(StringComparer.Ordinal);

    // Why the latest module, or a named one, has no instance (its command's failure).
    private readonly Dictionary<string, string> _namedFailures = new(StringComparer.Ordinal);
    private string? _currentFailure;
    private readonly Dictionary<string, ValidationContext> _definitions = new(StringComparer.Ordinal);
    private readonly List<WastFailure> _failures = [];
    private ValidationContext? _lastDefinition;
    private Instance? _current;
    private int _passed;
    private int _failed;

    public WastSession(IWastExecutor executor)
    {
        _executor = executor;
        var spectest = WastSpectest.Create();
        try
        {
            _registered[WastSpectest.Name] = new Instance(ModuleValidator.Validate(spectest), executor.Instantiate(spectest, []));
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            _failures.Add(new WastFailure(0, "register", $"cannot instantiate the spectest module: {Describe(ex)}"));
        }
    }

    public WastFileResult Run(WastScript script, string file)
    {
        foreach (var command in script.Commands)
        {
            string? failure;
            try
            {
                failure = Execute(command);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                failure = Describe(ex);
            }

            if (command.IsAssertion)
            {
                if (failure is null)
                {
                    _passed++;
                }
                else
                {
                    _failed++;
                }
            }

            if (failure is not null)
            {
                _failures.Add(new WastFailure(command.Line, Keyword(command), failure));
                RememberLoadFailure(command, failure);
            }
        }

        return new WastFileResult(file, _passed, _failed, _failures);
    }

    private void RememberLoadFailure(WastCommand command, string failure)
    {
        string? name = command switch
        {
            WastModuleCommand { Module.IsDefinition: false } c => c.Module.Name,
            WastInstanceCommand c => c.Instance,
            _ => null,
        };
        if (command is WastInstanceCommand or WastModuleCommand { Module.IsDefinition: false })
        {
            _currentFailure = failure;
            if (name is not null)
            {
                _namedFailures[name] = failure;
            }
        }
    }

    /// <summary>The script keyword of a command, as failures name it.</summary>
    public static string Keyword(WastCommand command) => command switch
    {
        WastModuleCommand or WastInstanceCommand => "module",
        WastRegisterCommand => "register",
        WastActionCommand a => a.Action.IsGet ? "get" : "invoke",
        WastAssertReturn => "assert_return",
        WastAssertTrap => "assert_trap",
        WastAssertExhaustion => "assert_exhaustion",
        WastAssertException => "assert_exception",
        WastAssertInvalid i => i.Custom ? "assert_invalid_custom" : "assert_invalid",
        WastAssertMalformed m => m.Custom ? "assert_malformed_custom" : "assert_malformed",
        WastAssertUnlinkable => "assert_unlinkable",
        _ => command.GetType().Name,
    };

    /// <summary>Runs one command: null when it did what it should, else what went wrong.</summary>
    private string? Execute(WastCommand command) => command switch
    {
        WastModuleCommand c => DefineModule(c.Module),
        WastInstanceCommand c => InstantiateDefinition(c),
        WastRegisterCommand c => Register(c),
        WastActionCommand c => Perform(c.Action, out _),
        WastAssertReturn c => AssertReturn(c),
        WastAssertTrap { Module: { } module } c => AssertModuleTrap(module, c.Message),
        WastAssertTrap c => AssertTrap(c.Action!, c.Message),
        WastAssertExhaustion c => AssertTrap(c.Action, c.Message),
        WastAssertException c => AssertException(c.Action),
        WastAssertInvalid c => AssertInvalid(c.Module, c.Message),
        WastAssertMalformed c => AssertMalformed(c.Module, c.Message),
        WastAssertUnlinkable c => AssertUnlinkable(c.Module, c.Message),
        _ => $"unsupported command {command.GetType().Name}",
    };

    private string? DefineModule(WastModule source)
    {
        if (!source.IsDefinition)
        {
            // Until this module stands, actions without a module name must not reach an older one.
            _current = null;
            if (source.Name is { } name)
            {
                _named[name] = null;
            }
        }

        var module = ModuleValidator.Validate(Decode(source));
        _lastDefinition = module;
        if (source.Name is { } definitionName)
        {
            _definitions[definitionName] = module;
        }

        if (source.IsDefinition)
        {
            return null;
        }

        return Instantiate(module, source.Name);
    }

    private string? InstantiateDefinition(WastInstanceCommand command)
    {
        _current = null;
        if (command.Instance is { } name)
        {
            _named[name] = null;
        }

        var module = command.Definition is { } definition ? _definitions.GetValueOrDefault(definition) : _lastDefinition;
        return module is null
            ? $"unknown module definition {command.Definition ?? "(none defined yet)"}"
            : Instantiate(module, command.Instance);
    }

    private string? Instantiate(ValidationContext module, string? name)
    {
        if (Link(module, out var imports) is { } linkError)
        {
            return linkError;
        }

        var instance = new Instance(module, _executor.Instantiate(module.Module, imports));
        _current = instance;
        if (name is not null)
        {
            _named[name] = instance;
        }

        return null;
    }

    private string? Register(WastRegisterCommand command)
    {
        if (FindInstance(command.Instance, out var instance) is { } error)
        {
            return error;
        }

        _registered[command.As] = instance;
        return null;
    }

    /// <summary>Resolves every import against registered instances; null when all resolve with matching types.</summary>
    private string? Link(ValidationContext module, out WastExtern[] imports)
    {
        imports = new WastExtern[module.Module.Imports.Count];
        for (int i = 0; i < imports.Length; i++)
        {
            var import = module.Module.Imports[i];
            if (!_registered.TryGetValue(import.Module, out var exporter) || FindExport(exporter.Module.Module, import.Name) is not { } export)
            {
                return $"unknown import \"{import.Module}\".\"{import.Name}\"";
            }

            ulong? size = import.Kind is ExternKind.Memory or ExternKind.Table ? _executor.CurrentSize(exporter.Handle, import.Name) : null;
            if (!WastImportMatcher.Matches(module, import, exporter.Module, export, size))
            {
                return $"{WastImportMatcher.Incompatible} \"{import.Module}\".\"{import.Name}\"";
            }

            imports[i] = new WastExtern(exporter.Handle, import.Name);
        }

        return null;
    }

    private static Export? FindExport(WasmModule module, string name)
    {
        foreach (var export in module.Exports)
        {
            if (export.Name == name)
            {
                return export;
            }
        }

        return null;
    }

    private string? FindInstance(string? name, out Instance instance)
    {
        Instance? found;
        string? failure;
        if (name is null)
        {
            found = _current;
            failure = _currentFailure;
        }
        else if (!_named.TryGetValue(name, out found))
        {
            instance = null!;
            return $"unknown module {name}";
        }
        else
        {
            failure = _namedFailures.GetValueOrDefault(name);
        }

        instance = found!;
        return found is not null ? null
            : failure is null ? "no module instance"
            : $"module not instantiated: {failure}";
    }

    /// <summary>Runs an action; null with its results, or what went wrong (a trap is a failure here).</summary>
    private string? Perform(WastAction action, out WastValue[] results)
    {
        results = [];
        if (FindInstance(action.Module, out var instance) is { } error)
        {
            return error;
        }

        if (action.IsGet)
        {
            results = [_executor.Get(instance.Handle, action.Field)];
        }
        else
        {
            results = _executor.Invoke(instance.Handle, action.Field, action.Args);
        }

        return null;
    }

    private string? AssertReturn(WastAssertReturn command)
    {
        if (Perform(command.Action, out var results) is { } error)
        {
            return error;
        }

        bool ok = results.Length == command.Expected.Length;
        for (int i = 0; ok && i < results.Length; i++)
        {
            ok = WastResultMatcher.Matches(command.Expected[i], results[i]);
        }

        return ok ? null : $"expected {WastFormatter.Format(command.Expected)}, got {WastFormatter.Format(results)}";
    }

    private string? AssertTrap(WastAction action, string expected)
    {
        try
        {
            return Perform(action, out var results) ?? $"expected trap \"{expected}\", got {WastFormatter.Format(results)}";
        }
        catch (WastTrapException trap)
        {
            return trap.Message.StartsWith(expected, StringComparison.Ordinal) ? null : $"expected trap \"{expected}\", got trap \"{trap.Message}\"";
        }
    }

    private string? AssertException(WastAction action)
    {
        try
        {
            return Perform(action, out var results) ?? $"expected an exception, got {WastFormatter.Format(results)}";
        }
        catch (WastThrowException)
        {
            return null;
        }
    }

    private string? AssertModuleTrap(WastModule source, string expected)
    {
        var module = ModuleValidator.Validate(Decode(source));
        if (Link(module, out var imports) is { } linkError)
        {
            return linkError;
        }

        try
        {
            _executor.Instantiate(module.Module, imports);
            return $"expected trap \"{expected}\", got an instance";
        }
        catch (WastTrapException trap)
        {
            return trap.Message.StartsWith(expected, StringComparison.Ordinal) ? null : $"expected trap \"{expected}\", got trap \"{trap.Message}\"";
        }
    }

    private string? AssertInvalid(WastModule source, string expected)
    {
        WasmModule module;
        try
        {
            module = Decode(source);
        }
        catch (WasmException ex)
        {
            return $"expected invalid \"{expected}\", got malformed: {ex.Message}";
        }

        try
        {
            ModuleValidator.Validate(module);
        }
        catch (WasmValidationException ex)
        {
            return ex.Reason.StartsWith(expected, StringComparison.Ordinal) ? null : $"expected invalid \"{expected}\", got invalid: {ex.Message}";
        }

        return $"expected invalid \"{expected}\", got a valid module";
    }

    private static string? AssertMalformed(WastModule source, string expected)
    {
        WasmModule module;
        try
        {
            module = Decode(source);
        }
        catch (Exception ex) when (ex is WasmDecodeException or WatParseException)
        {
            return ((WasmException)ex).Reason.StartsWith(expected, StringComparison.Ordinal) ? null : $"expected malformed \"{expected}\", got malformed: {ex.Message}";
        }

        try
        {
            ModuleValidator.Validate(module);
        }
        catch (WasmValidationException ex)
        {
            return $"expected malformed \"{expected}\", got invalid: {ex.Message}";
        }

        return $"expected malformed \"{expected}\", got a valid module";
    }

    private string? AssertUnlinkable(WastModule source, string expected)
    {
        var module = ModuleValidator.Validate(Decode(source));
        if (Link(module, out _) is { } error)
        {
            return error.StartsWith(expected, StringComparison.Ordinal) ? null : $"expected unlinkable \"{expected}\", got \"{error}\"";
        }

        return $"expected unlinkable \"{expected}\", got a linked module";
    }

    /// <summary>The module a script command writes: parsed text, or binary/quoted text decoded now.</summary>
    private static WasmModule Decode(WastModule source) => source.Kind switch
    {
        WastModuleKind.Binary => ModuleReader.Decode(source.Bytes!),
        WastModuleKind.Quote => WatParser.ParseModule(source.Bytes!),
        _ => source.Parsed!,
    };

    /// <summary>Words an exception that ended a command.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        WastTrapException => $"trap \"{ex.Message}\"",
        WastThrowException => $"uncaught exception: {ex.Message}",
        WasmDecodeException or WatParseException => $"malformed: {ex.Message}",
        WasmValidationException => $"invalid: {ex.Message}",
        NotSupportedException => ex.Message,
        _ => $"internal error: {ex.GetType().Name}: {ex.Message}",
    };

    /// <summary>A module instance: its validated module (for linking) and the executor's handle.</summary>
    private sealed record Instance(ValidationContext Module, object Handle);
}
