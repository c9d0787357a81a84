namespace Kiln;

/// <summary>
/// Settings of an <see cref="Engine"/>. Only what the engine honours today is here; fuel, epoch interruption,
/// memory limits and the guest stack size are fixed for now (see <c>docs/embedding.md</c>).
/// </summary>
public sealed class EngineConfig
{
    /// <summary>Accept the custom-page-sizes proposal in binary modules (memories with a page size other than 64 KiB). Off by default.</summary>
    public bool CustomPageSizes { get; set; }

    internal EngineConfig Clone() => (EngineConfig)MemberwiseClone();
}
