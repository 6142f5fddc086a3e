using System.Text;
using Reception.Core.Imports;
using Reception.Core.Organisation;

namespace Reception.Core.Tests.Imports;

public class CsvTextTests
{
    private const string ChineseCsv = "代码,名称,类型,上级代码\nzhengzhou,郑州市,市,\njinshui,金水区,区,zhengzhou\n";

    private static Encoding Gb18030()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("GB18030");
    }

    [Fact]
    public void Utf8_WithoutBom_IsDecoded()
    {
        var result = CsvText.Decode(Encoding.UTF8.GetBytes(ChineseCsv));

        Assert.True(result.Succeeded);
        Assert.Equal(ChineseCsv, result.Text);
        Assert.Equal("UTF-8", result.EncodingName);
    }

    [Fact]
    public void Utf8Bom_IsRemoved()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(ChineseCsv)];

        var result = CsvText.Decode(bytes);

        Assert.True(result.Succeeded);
        Assert.Equal(ChineseCsv, result.Text);
        Assert.Equal("UTF-8", result.EncodingName);
        Assert.True(OrgUnitImport.Parse(result.Text, new Dictionary<string, OrgUnitKind>()).Succeeded);
    }

    [Fact]
    public void Gb18030File_IsDecodedAndImports()
    {
        var bytes = Gb18030().GetBytes(ChineseCsv);
        Assert.Throws<DecoderFallbackException>(() => new UTF8Encoding(false, true).GetString(bytes)); // really not UTF-8

        var result = CsvText.Decode(bytes);

        Assert.True(result.Succeeded);
        Assert.Equal("GB18030", result.EncodingName);
        Assert.Equal(ChineseCsv, result.Text);
        var import = OrgUnitImport.Parse(result.Text, new Dictionary<string, OrgUnitKind>());
        Assert.True(import.Succeeded);
        Assert.Equal(new[] { "郑州市", "金水区" }, import.Rows.Select(r => r.Name));
    }

    [Fact]
    public void Gb18030FourByteCharacters_AreDecoded()
    {
        const string text = "姓名,职务\n𠀀王,镇长\n"; // U+20000 is a four-byte GB18030 sequence
        var result = CsvText.Decode(Gb18030().GetBytes(text));

        Assert.True(result.Succeeded);
        Assert.Equal(text, result.Text);
    }

    [Fact]
    public void Bytes_InNeitherEncoding_AreRejected()
    {
        var result = CsvText.Decode([(byte)'a', 0xFF, (byte)'b', (byte)'\n']);

        Assert.False(result.Succeeded);
        Assert.Null(result.Text);
        Assert.Equal(ImportMessageKeys.UnknownEncoding, result.Error.Key);
    }

    [Fact]
    public void Bom_WithInvalidUtf8_IsRejectedRatherThanGuessed()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Gb18030().GetBytes(ChineseCsv)];

        var result = CsvText.Decode(bytes);

        Assert.False(result.Succeeded);
        Assert.Equal(ImportMessageKeys.UnknownEncoding, result.Error.Key);
    }

    [Fact]
    public void BinaryContent_IsRejected()
    {
        byte[] png = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D];

        var result = CsvText.Decode(png);

        Assert.False(result.Succeeded);
        Assert.Equal(ImportMessageKeys.NotText, result.Error.Key);
    }

    [Fact]
    public void Utf16_IsRejectedAsNotText()
    {
        var result = CsvText.Decode(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("code,name\n")).ToArray());

        Assert.Equal(ImportMessageKeys.NotText, result.Error?.Key);
    }

    [Fact]
    public void OversizeFile_IsRejectedWithTheLimitInKb()
    {
        var bytes = new byte[CsvText.DefaultMaxBytes + 1];
        bytes.AsSpan().Fill((byte)'a');

        var result = CsvText.Decode(bytes);

        Assert.False(result.Succeeded);
        Assert.Equal(ImportMessageKeys.FileTooLarge, result.Error.Key);
        Assert.Equal(new object[] { 2048 }, result.Error.Args);
    }

    [Fact]
    public void FileOfExactlyTheLimit_IsAccepted()
    {
        var bytes = new byte[1000];
        bytes.AsSpan().Fill((byte)'a');

        Assert.True(CsvText.Decode(bytes, maxBytes: 1000).Succeeded);
        var tooLarge = CsvText.Decode(bytes, maxBytes: 999);
        Assert.Equal(ImportMessageKeys.FileTooLarge, tooLarge.Error?.Key);
        Assert.Equal(new object[] { 1 }, tooLarge.Error?.Args);
    }

    [Fact]
    public void EmptyFile_DecodesToEmptyText()
    {
        var result = CsvText.Decode([]);

        Assert.True(result.Succeeded);
        Assert.Equal("", result.Text);
    }

    [Fact]
    public async Task ReadAsync_DecodesAStream()
    {
        using var stream = new MemoryStream(Gb18030().GetBytes(ChineseCsv));

        var result = await CsvText.ReadAsync(stream);

        Assert.True(result.Succeeded);
        Assert.Equal(ChineseCsv, result.Text);
    }

    [Fact]
    public async Task ReadAsync_StopsReadingJustPastTheLimit()
    {
        using var stream = new CountingStream(new MemoryStream(new byte[10_000_000]));

        var result = await CsvText.ReadAsync(stream, maxBytes: 100_000);

        Assert.Equal(ImportMessageKeys.FileTooLarge, result.Error?.Key);
        Assert.Equal(100_001, stream.BytesRead);
    }

    [Fact]
    public async Task ReadAsync_AcceptsAStreamOfExactlyTheLimit()
    {
        var bytes = new byte[200_000];
        bytes.AsSpan().Fill((byte)'x');
        using var stream = new MemoryStream(bytes);

        var result = await CsvText.ReadAsync(stream, maxBytes: 200_000);

        Assert.True(result.Succeeded);
        Assert.Equal(200_000, result.Text.Length);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            int read = inner.Read(buffer, offset, count);
            BytesRead += read;
            return read;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        protected override void Dispose(bool disposing)
        {
            if (disposing) inner.Dispose();
            base.Dispose(disposing);
        }
    }
}
