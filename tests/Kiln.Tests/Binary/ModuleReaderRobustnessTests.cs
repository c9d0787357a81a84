using Kiln.Binary;

namespace Kiln.Tests.Binary;

public class ModuleReaderRobustnessTests
{
    /// <summary>
    /// Decodes thousands of randomly corrupted copies of real modules (fixed seed): the decoder may only ever throw
    /// <see cref="WasmDecodeException"/>, and whatever it accepts must be written stably.
    /// </summary>
    [Fact]
    public void Corrupted_modules_fail_only_with_WasmDecodeException()
    {
        var seeds = SharedData.BenchModulePaths().Take(1).Select(SharedData.ReadBench).ToList();
        seeds.Add(Wasm.Module(Wasm.OneFunction(0x01, 0x01, 0x7F, 0x02, 0x40, 0x41, 0x00, 0x04, 0x7F, 0x41, 0x01, 0x05, 0x41, 0x02, 0x0B, 0x1A, 0x0B, 0x0B)));
        var rnd = new Random(12345);
        for (int i = 0; i < 1000; i++)
        {
            var bytes = (byte[])seeds[i % seeds.Count].Clone();
            for (int k = 0; k < 3; k++)
            {
                int at = 8 + rnd.Next(bytes.Length - 8);
                switch (rnd.Next(3))
                {
                    case 0:
                        bytes[at] = (byte)rnd.Next(256);
                        break;
                    case 1:
                        bytes = bytes[..at];
                        break;
                    default:
                        bytes = [.. bytes[..at], (byte)rnd.Next(256), .. bytes[at..]];
                        break;
                }

                if (bytes.Length <= 8)
                {
                    break;
                }
            }

            WasmModule m;
            try
            {
                m = ModuleReader.Decode(bytes);
            }
            catch (WasmDecodeException)
            {
                continue;
            }

            var written = ModuleWriter.Write(m);
            Assert.Equal(written, ModuleWriter.Write(ModuleReader.Decode(written)));
        }
    }
}
