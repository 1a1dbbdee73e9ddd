using System.Text;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Tests.Infrastructure;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>The rules behind uploads that need no server: recognising files by content and cleaning their names.</summary>
public class ProfileDocumentFileRulesTests
{
    [Fact]
    public void Files_are_recognised_by_their_first_bytes()
    {
        Assert.Equal(FileType.Jpeg, FileSignatures.Detect(SampleFiles.Jpeg));
        Assert.Equal(FileType.Png, FileSignatures.Detect(SampleFiles.Png()));
        Assert.Equal(FileType.Pdf, FileSignatures.Detect(SampleFiles.Pdf));
        Assert.Equal(FileType.WebP, FileSignatures.Detect("RIFF\x24\0\0\0WEBPVP8 "u8));
        Assert.Null(FileSignatures.Detect("RIFF\x24\0\0\0WAVEfmt "u8));
        Assert.Null(FileSignatures.Detect(SampleFiles.Html));
        Assert.Null(FileSignatures.Detect(SampleFiles.Svg));
        Assert.Null(FileSignatures.Detect(SampleFiles.Exe));
        Assert.Null(FileSignatures.Detect([]));
        // A PDF header that is not at the start could hide another format in front of it.
        Assert.Null(FileSignatures.Detect(Encoding.ASCII.GetBytes("<html>%PDF-1.4")));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("..\\..\\Windows\\system.ini", "system.ini")]
    [InlineData("C:\\Users\\erika\\Zeugnis Müller.pdf", "Zeugnis Müller.pdf")]
    [InlineData("..", "document")]
    [InlineData("", "document")]
    [InlineData(null, "document")]
    [InlineData("folder/", "document")]
    [InlineData(".bashrc", "bashrc")]
    [InlineData("cv\"; filename=evil.html", "cv; filename=evil.html")]
    [InlineData("line\r\nbreak\t.pdf", "linebreak.pdf")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("<script>x</script>.pdf", "script.pdf")]
    public void Uploaded_names_are_cleaned_for_display_only(string? uploaded, string shown)
    {
        Assert.Equal(shown, FileNames.ForDisplay(uploaded));
    }

    [Fact]
    public void Long_names_are_cut_to_120_characters_keeping_the_extension()
    {
        var name = FileNames.ForDisplay(new string('a', 300) + ".pdf");

        Assert.Equal(120, name.Length);
        Assert.EndsWith("aaa.pdf", name);
    }

    [Fact]
    public void A_download_is_named_with_the_extension_of_its_real_type()
    {
        Assert.Equal("passwd.pdf", FileNames.ForDownload("passwd", FileType.Pdf));
        Assert.Equal("page.html.pdf", FileNames.ForDownload("page.html", FileType.Pdf));
        Assert.Equal("cv.PDF", FileNames.ForDownload("cv.PDF", FileType.Pdf));
        Assert.Equal("scan.jpeg", FileNames.ForDownload("scan.jpeg", FileType.Jpeg));
        Assert.Equal("attachment; filename*=UTF-8''Zeugnis%20M%C3%BCller.pdf", FileNames.AttachmentHeader("Zeugnis Müller.pdf"));
    }
}
