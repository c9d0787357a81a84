namespace Kiln.Text;

/// <summary>How a script writes a module.</summary>
internal enum WastModuleKind : byte
{
    /// <summary><c>(module ...)</c> in text, already parsed into <see cref="WastModule.Parsed"/>.</summary>
    Text,
    /// <summary><c>(module binary "..." ...)</c>: <see cref="WastModule.Bytes"/>, decoded when the command runs.</summary>
    Binary,
    /// <summary><c>(module quote "..." ...)</c>: <see cref="WastModule.Bytes"/> hold WAT text, parsed when the command runs.</summary>
    Quote,
}
