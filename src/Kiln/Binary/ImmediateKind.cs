namespace Kiln.Binary;

/// <summary>The shape of the immediates that follow an opcode in the binary format.</summary>
internal enum ImmediateKind : byte
{
    None,
    /// <summary>Block type: empty (0x40), a value type, or a type index (s33).</summary>
    BlockType,
    /// <summary>A label index (br, br_if, br_on_null, rethrow, delegate).</summary>
    Label,
    /// <summary>A vector of label indices then a default label.</summary>
    BrTable,
    /// <summary>A function index.</summary>
    Function,
    /// <summary>A type index then a table index.</summary>
    CallIndirect,
    /// <summary>A type index.</summary>
    Type,
    /// <summary>A vector of value types (typed <c>select</c>).</summary>
    SelectTypes,
    /// <summary>Block type then a vector of catch clauses.</summary>
    TryTable,
    Local,
    Global,
    Table,
    Tag,
    /// <summary>Alignment flags (bit 6: a memory index follows), optional memory index, offset.</summary>
    MemArg,
    /// <summary>A memory index.</summary>
    Memory,
    I32,
    I64,
    F32,
    F64,
    /// <summary>A heap type (ref.null, ref.test, ref.cast).</summary>
    HeapType,
    /// <summary>A type index then a field index.</summary>
    TypeField,
    /// <summary>A type index then an element count.</summary>
    TypeCount,
    /// <summary>A type index then a data index.</summary>
    TypeData,
    /// <summary>A type index then an element segment index.</summary>
    TypeElem,
    /// <summary>Two type indices.</summary>
    TypeType,
    /// <summary>A flags byte, a label, and two heap types.</summary>
    BrOnCast,
    /// <summary>A data index then a memory index.</summary>
    MemoryInit,
    Data,
    /// <summary>Destination then source memory index.</summary>
    MemoryCopy,
    /// <summary>An element segment index then a table index.</summary>
    TableInit,
    Elem,
    /// <summary>Destination then source table index.</summary>
    TableCopy,
    /// <summary>16 bytes.</summary>
    V128,
    /// <summary>16 lane indices, one byte each.</summary>
    Shuffle,
    /// <summary>One lane index byte.</summary>
    Lane,
    /// <summary>A memarg then a lane index byte.</summary>
    MemArgLane,
    /// <summary>A reserved zero byte (atomic.fence).</summary>
    Fence,
}
