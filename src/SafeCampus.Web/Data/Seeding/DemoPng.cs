using System.Buffers.Binary;
using System.IO.Compression;

namespace SafeCampus.Web.Data.Seeding;

/// <summary>
/// Small valid PNG images drawn in code for the demo data (a "photo" of a sky over a playground), so the seed needs
/// no image files. RGB, 8 bits per channel, no interlacing; CRC-32 computed by hand.
/// </summary>
public static class DemoPng
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>A width×height picture: sky colour above, ground colour below, a white building in the middle.</summary>
    public static byte[] Scene(int width, int height, (byte R, byte G, byte B) sky, (byte R, byte G, byte B) ground)
    {
        var horizon = height * 2 / 3;
        var raw = new byte[height * (1 + width * 3)];
        var i = 0;
        for (var y = 0; y < height; y++)
        {
            raw[i++] = 0; // filter: none
            for (var x = 0; x < width; x++)
            {
                var building = x >= width / 4 && x < width * 3 / 4 && y >= height / 3 && y < horizon;
                var window = building && (x - width / 4) % 12 is >= 4 and < 9 && (y - height / 3) % 10 is >= 3 and < 7;
                var (r, g, b) = window ? ((byte)90, (byte)110, (byte)140) : building ? ((byte)235, (byte)235, (byte)228) : y < horizon ? sky : ground;
                raw[i++] = r;
                raw[i++] = g;
                raw[i++] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(0), width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // colour type: RGB
        Chunk(png, "IHDR"u8, header);
        using (var compressed = new MemoryStream())
        {
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                z.Write(raw);
            }

            Chunk(png, "IDAT"u8, compressed.ToArray());
        }

        Chunk(png, "IEND"u8, []);
        return png.ToArray();
    }

    private static void Chunk(Stream png, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> buffer = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buffer, data.Length);
        png.Write(buffer);
        png.Write(type);
        png.Write(data);
        var crc = Crc32(Crc32(0xFFFFFFFFu, type), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(buffer, crc);
        png.Write(buffer);
    }

    /// <summary>CRC-32 (ISO-HDLC, as PNG uses) continued from <paramref name="crc"/>; start with 0xFFFFFFFF and invert at the end.</summary>
    public static uint Crc32(uint crc, ReadOnlySpan<byte> data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
