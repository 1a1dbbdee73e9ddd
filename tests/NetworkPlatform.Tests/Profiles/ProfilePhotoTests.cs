using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NetworkPlatform.Domain.Accounts;
using NetworkPlatform.Domain.Files;
using NetworkPlatform.Domain.Profiles;
using NetworkPlatform.Tests.Infrastructure;
using NetVips;

namespace NetworkPlatform.Tests.Profiles;

/// <summary>The profile photo with libvips (NetVips and its bundled native library): square JPEGs without metadata.</summary>
public class ProfilePhotoTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string PhotoPage = "/profile/edit/photo";

    private async Task<(AppUser Member, HttpClient Client)> SignedInMemberAsync(string who = "photo")
    {
        var member = await app.CreateMemberAsync(TestData.UniqueEmail(who));
        var client = app.NewClient();
        await client.LoginAsync(member.Email!);
        return (member, client);
    }

    private static Task<Page> UploadAsync(HttpClient client, string fileName, byte[] bytes, string contentType) =>
        client.SubmitFileAsync(PhotoPage, PhotoPage, new Dictionary<string, string>(), "Photo", fileName, bytes, contentType);

    private Task<int> StoredFilesAsync() => app.WithDbAsync(db => db.StoredFiles.CountAsync());

    private Task<(Guid? Large, Guid? Small)> PhotoIdsAsync(Guid userId) => app.WithDbAsync(async db =>
    {
        var p = await db.Profiles.Where(p => p.UserId == userId).Select(p => new { p.PhotoFileId, p.PhotoSmallFileId })
            .SingleOrDefaultAsync();
        return (p?.PhotoFileId, p?.PhotoSmallFileId);
    });

    private Task SetAudienceAsync(Guid userId, ProfileAudience audience) => app.WithDbAsync(db =>
        db.Profiles.Where(p => p.UserId == userId).ExecuteUpdateAsync(s => s.SetProperty(p => p.Audience, audience)));

    private static string AvatarSource(Page page) =>
        page.Document.QuerySelector("img.np-avatar")?.GetAttribute("src")
        ?? throw new Xunit.Sdk.XunitException("No photo on " + page.Path);

    /// <summary>Width and height from a JPEG's frame header.</summary>
    private static (int Width, int Height) JpegSize(byte[] jpeg)
    {
        var i = 2;
        while (i + 9 < jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            if (marker is >= 0xC0 and <= 0xC3)
                return ((jpeg[i + 7] << 8) | jpeg[i + 8], (jpeg[i + 5] << 8) | jpeg[i + 6]);
            i += 2 + ((jpeg[i + 2] << 8) | jpeg[i + 3]);
        }
        throw new Xunit.Sdk.XunitException("No JPEG frame header");
    }

    [Fact]
    public void Photos_are_resized_by_the_libvips_that_ships_with_the_app()
    {
        var resizer = app.Services.GetRequiredService<IImageResizer>();
        Assert.True(resizer.Resizes, "the NetVips.Native package's libvips should load: " + resizer.Description);
        Assert.StartsWith("libvips 8.", resizer.Description);
        // The library this process runs is the package's, next to the app, not one the machine may have installed.
        var loaded = File.ReadLines("/proc/self/maps")
            .Where(line => line.EndsWith("/libvips.so.42", StringComparison.Ordinal))
            .Select(line => line[line.IndexOf('/')..]).Distinct().ToList();
        var rid = RuntimeInformation.ProcessArchitecture == System.Runtime.InteropServices.Architecture.Arm64
            ? "linux-arm64"
            : "linux-x64";
        Assert.Equal([Path.Combine(AppContext.BaseDirectory, "runtimes", rid, "native", "libvips.so.42")], loaded);
    }

    [Fact]
    public async Task The_photo_page_has_a_labelled_upload_field_with_its_hint_and_shows_the_initials_first()
    {
        var (_, client) = await SignedInMemberAsync();

        var page = await client.OpenAsync(PhotoPage);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("Photo", page.Document.QuerySelector("label[for=Photo]")!.TextContent.Trim());
        Assert.Equal("JPEG, PNG or WebP, up to 5 MB", page.Document.GetElementById("Photo-hint")!.TextContent.Trim());
        Assert.Equal("file", page.Document.GetElementById("Photo")!.GetAttribute("type"));
        Assert.Equal("EM", page.Document.QuerySelector(".np-avatar-initials")!.TextContent.Trim());
        Assert.Null(page.Document.QuerySelector("a[href='/profile/edit/photo/remove']"));
    }

    [Fact]
    public async Task An_uploaded_photo_is_stored_as_square_jpegs_and_served_with_caching_headers()
    {
        var (member, client) = await SignedInMemberAsync();

        var page = await UploadAsync(client, "me.png", SampleFiles.Png(30, 20), "image/png");

        Assert.Equal(PhotoPage, page.Path);
        Assert.Equal("Your new photo is saved.", page.Flash);
        var src = AvatarSource(page);
        Assert.StartsWith($"/photos/{member.Id}/large?v=", src);

        var large = await client.GetAsync(src);
        Assert.Equal(HttpStatusCode.OK, large.StatusCode);
        Assert.Equal("image/jpeg", large.Content.Headers.ContentType!.MediaType);
        Assert.Equal("private, max-age=31536000, immutable", large.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal("inline", large.Content.Headers.ContentDisposition!.ToString());
        Assert.False(large.Headers.Contains("Pragma"));
        Assert.Equal("nosniff", large.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal((400, 400), JpegSize(await large.Content.ReadAsByteArrayAsync()));

        var small = await client.GetAsync(src.Replace("/large", "/small"));
        Assert.Equal(HttpStatusCode.OK, small.StatusCode);
        Assert.Equal("image/jpeg", small.Content.Headers.ContentType!.MediaType);
        Assert.Equal("private, max-age=31536000, immutable", small.Headers.NonValidated["Cache-Control"].ToString());
        Assert.Equal((96, 96), JpegSize(await small.Content.ReadAsByteArrayAsync()));

        var unversioned = await client.GetAsync($"/photos/{member.Id}/small");
        Assert.Equal(HttpStatusCode.OK, unversioned.StatusCode);
        Assert.Equal("private, max-age=300", unversioned.Headers.NonValidated["Cache-Control"].ToString());

        var (largeId, smallId) = await PhotoIdsAsync(member.Id);
        Assert.NotNull(largeId);
        Assert.NotNull(smallId);
        Assert.NotEqual(largeId, smallId);
    }

    [Fact]
    public async Task A_stored_photo_keeps_no_exif_metadata()
    {
        var (member, client) = await SignedInMemberAsync();

        await UploadAsync(client, "holiday.jpg", SampleFiles.JpegWithExif("GPS-52.5200N-13.4050E"), "image/jpeg");

        foreach (var variant in new[] { "large", "small" })
        {
            var bytes = await client.GetByteArrayAsync($"/photos/{member.Id}/{variant}");
            var text = Encoding.Latin1.GetString(bytes);
            Assert.DoesNotContain("Exif", text);
            Assert.DoesNotContain("GPS-52.5200N", text);
        }
    }

    [Fact]
    public async Task A_sideways_phone_photo_is_stored_upright_without_its_exif_and_gps_position()
    {
        var (member, client) = await SignedInMemberAsync();
        var upload = SampleFiles.SidewaysJpegWithGps("SecretCam-4711");
        using (var sent = Image.NewFromBuffer(upload))
        {
            // What goes in really carries what must not come out.
            Assert.Equal(6, (int)sent.Get("orientation"));
            Assert.Contains("exif-ifd3-GPSLatitude", sent.GetFields());
            Assert.Contains("SecretCam-4711", Encoding.Latin1.GetString(upload));
        }

        var page = await UploadAsync(client, "IMG_0042.jpg", upload, "image/jpeg");
        Assert.Equal("Your new photo is saved.", page.Flash);

        foreach (var (variant, size) in new[] { ("large", 400), ("small", 96) })
        {
            var stored = await client.GetByteArrayAsync($"/photos/{member.Id}/{variant}");
            Assert.DoesNotContain("Exif", Encoding.Latin1.GetString(stored));
            Assert.DoesNotContain("SecretCam", Encoding.Latin1.GetString(stored));
            using var photo = Image.NewFromBuffer(stored);
            Assert.Equal((size, size), (photo.Width, photo.Height));
            Assert.DoesNotContain(photo.GetFields(), f => f.StartsWith("exif", StringComparison.Ordinal)
                                                          || f is "orientation" or "xmp-data" or "icc-profile-data");
            // Upright: the stored picture's top (red) is now on the right, its bottom (blue) on the left.
            var left = photo.Getpoint(size / 8, size / 2);
            var right = photo.Getpoint(size - size / 8, size / 2);
            Assert.True(left[2] > 150 && left[0] < 80, $"left should be blue: {string.Join(",", left)}");
            Assert.True(right[0] > 150 && right[2] < 80, $"right should be red: {string.Join(",", right)}");
        }
    }

    [Fact]
    public async Task A_picture_that_unpacks_to_more_than_100_million_pixels_is_refused_before_it_is_decoded()
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();
        var bomb = SampleFiles.PngBomb(20_000, 20_000);
        Assert.True(bomb.Length < 200_000, $"{bomb.Length} bytes: the bomb should be far under the 5 MB limit");

        var page = await UploadAsync(client, "bomb.png", bomb, "image/png");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The picture has more than 100 million pixels. Choose a smaller picture.", page.FieldError("Photo"));
        Assert.Single(page.ErrorSummary);
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal((null, null), await PhotoIdsAsync(member.Id));
    }

    [Fact]
    public async Task A_picture_of_exactly_100_million_pixels_is_still_accepted()
    {
        var (member, client) = await SignedInMemberAsync();

        var page = await UploadAsync(client, "wide.png", SampleFiles.PngBomb(10_000, 10_000), "image/png");

        Assert.Equal("Your new photo is saved.", page.Flash);
        Assert.NotEqual((null, null), await PhotoIdsAsync(member.Id));
    }

    public static TheoryData<string> OtherPictureFormats => new() { "GIF", "TIFF", "SVG" };

    [Theory]
    [MemberData(nameof(OtherPictureFormats))]
    public void The_resizer_itself_refuses_picture_formats_other_than_jpeg_png_and_webp(string format)
    {
        var resizer = app.Services.GetRequiredService<IImageResizer>();
        var bytes = format switch
        {
            "GIF" => SampleFiles.Gif,
            "TIFF" => SampleFiles.Tiff,
            _ => SampleFiles.Svg,
        };

        // The upload's signature check stops these first; the loader choice is the second lock, for any file that
        // would get past the first.
        Assert.Throws<NotAPhotoException>(() => resizer.SquareJpeg(bytes, 96));
    }

    public static TheoryData<string, string, string> Disguised => new()
    {
        { "HTML named photo.jpg", "photo.jpg", "image/jpeg" },
        { "SVG named avatar.png", "avatar.png", "image/png" },
        { "PDF named photo.jpg", "photo.jpg", "image/jpeg" },
        { "a program named me.webp", "me.webp", "image/webp" },
        { "GIF named photo.jpg", "photo.jpg", "image/jpeg" },
        { "GIF named photo.gif", "photo.gif", "image/gif" },
        { "text named photo.png", "photo.png", "image/png" },
    };

    private static byte[] BytesOf(string what) => what switch
    {
        var w when w.StartsWith("HTML") => SampleFiles.Html,
        var w when w.StartsWith("SVG") => SampleFiles.Svg,
        var w when w.StartsWith("PDF") => SampleFiles.Pdf,
        var w when w.StartsWith("GIF") => SampleFiles.Gif,
        var w when w.StartsWith("text") => SampleFiles.Text,
        _ => SampleFiles.Exe,
    };

    [Theory]
    [MemberData(nameof(Disguised))]
    public async Task A_file_that_is_no_jpeg_png_or_webp_is_refused_whatever_its_name_says(string what, string fileName,
        string claimedType)
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, fileName, BytesOf(what), claimedType);

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The file is not a JPEG, PNG or WebP picture. Choose a photo in one of these formats.",
            page.FieldError("Photo"));
        Assert.Single(page.ErrorSummary);
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal((null, null), await PhotoIdsAsync(member.Id));
    }

    [Fact]
    public async Task A_photo_over_5_MB_is_refused_with_a_message_at_the_field()
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, "huge.jpg", SampleFiles.Padded(SampleFiles.Jpeg, 5 * 1024 * 1024 + 1), "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal("The photo must be 5 MB or smaller. Choose a smaller file.", page.FieldError("Photo"));
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal((null, null), await PhotoIdsAsync(member.Id));
    }

    [Fact]
    public async Task A_request_far_over_the_limit_is_stopped_before_it_is_read_and_answered_with_the_same_message()
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, "huge.jpg", SampleFiles.Padded(SampleFiles.Jpeg, 8 * 1024 * 1024), "image/jpeg");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(PhotoPage, page.Path);
        Assert.Equal("The photo must be 5 MB or smaller. Choose a smaller file.", page.FieldError("Photo"));
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal((null, null), await PhotoIdsAsync(member.Id));
    }

    [Fact]
    public async Task A_damaged_jpeg_is_refused_as_unreadable()
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        var page = await UploadAsync(client, "broken.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3, 4, 5, 6], "image/jpeg");

        Assert.Equal("The picture could not be read; it may be damaged. Try another file.", page.FieldError("Photo"));
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal((null, null), await PhotoIdsAsync(member.Id));
    }

    [Fact]
    public async Task Submitting_without_a_file_asks_for_one()
    {
        var (_, client) = await SignedInMemberAsync();

        var page = await client.OpenAsync(PhotoPage);
        var token = page.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" } };
        var response = await client.PostAsync(PhotoPage, form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Choose a photo to upload", html);
    }

    [Fact]
    public async Task A_new_photo_replaces_the_old_files_and_removing_it_deletes_them()
    {
        var (member, client) = await SignedInMemberAsync();
        var filesBefore = await StoredFilesAsync();

        await UploadAsync(client, "first.png", SampleFiles.Png(4, 4), "image/png");
        var first = await PhotoIdsAsync(member.Id);
        var page = await UploadAsync(client, "second.jpg", SampleFiles.Jpeg, "image/jpeg");
        var second = await PhotoIdsAsync(member.Id);

        Assert.NotEqual(first, second);
        Assert.Equal(filesBefore + 2, await StoredFilesAsync());
        Assert.NotNull(page.Document.QuerySelector("a[href='/profile/edit/photo/remove']"));

        var confirm = await client.OpenAsync("/profile/edit/photo/remove");
        Assert.Equal("Remove your photo?", confirm.Document.QuerySelector("h1")!.TextContent.Trim());
        var done = await confirm.SubmitAsync(client, "/profile/edit/photo/remove", new Dictionary<string, string>());

        Assert.Equal(PhotoPage, done.Path);
        Assert.Equal("Your photo is removed.", done.Flash);
        Assert.NotNull(done.Document.QuerySelector(".np-avatar-initials"));
        Assert.Equal((null, null), await PhotoIdsAsync(member.Id));
        Assert.Equal(filesBefore, await StoredFilesAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/photos/{member.Id}/large")).StatusCode);
    }

    [Fact]
    public async Task Removing_a_photo_only_ever_touches_ones_own_even_with_a_forged_member_id()
    {
        var (owner, ownerClient) = await SignedInMemberAsync("photo-owner");
        await UploadAsync(ownerClient, "me.png", SampleFiles.Png(2, 2), "image/png");
        var before = await PhotoIdsAsync(owner.Id);
        var (_, other) = await SignedInMemberAsync("photo-other");

        var page = await other.OpenAsync(PhotoPage);
        await other.PostWithTokenOfAsync(page, "/profile/edit/photo/remove",
            new Dictionary<string, string> { ["userId"] = owner.Id.ToString(), ["UserId"] = owner.Id.ToString() });
        await other.PostWithTokenOfAsync(page, $"/profile/edit/photo/remove?userId={owner.Id}", new Dictionary<string, string>());

        Assert.Equal(before, await PhotoIdsAsync(owner.Id));
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync($"/photos/{owner.Id}/small")).StatusCode);
    }

    [Fact]
    public async Task A_photo_is_served_only_to_those_who_may_open_the_profile()
    {
        var (owner, ownerClient) = await SignedInMemberAsync("photo-visible");
        await UploadAsync(ownerClient, "me.png", SampleFiles.Png(3, 3), "image/png");
        var (_, member) = await SignedInMemberAsync("photo-viewer");
        var anonymous = app.NewClient();
        var url = $"/photos/{owner.Id}/small";

        // Members only (the default): every member, not the web.
        Assert.Equal(HttpStatusCode.OK, (await ownerClient.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);

        await SetAudienceAsync(owner.Id, ProfileAudience.Public);
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task Unknown_members_members_without_a_photo_and_unknown_sizes_are_not_found()
    {
        var (member, client) = await SignedInMemberAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/photos/{Guid.NewGuid()}/small")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/photos/{member.Id}/small")).StatusCode);
        await UploadAsync(client, "me.png", SampleFiles.Png(), "image/png");
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/photos/{member.Id}/huge")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/photos/not-a-guid/small")).StatusCode);
    }

    [Fact]
    public async Task The_photo_page_needs_a_login()
    {
        var response = await app.NewClient(followRedirects: false).GetAsync(PhotoPage);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/login", response.Headers.Location!.PathAndQuery);
    }
}

/// <summary>Without libvips (here: turned off by configuration) a photo is stored as uploaded, after the same checks.</summary>
public class ProfilePhotoWithoutResizingTests(ProfilePhotoWithoutResizingTests.NoResizeApp app)
    : IClassFixture<ProfilePhotoWithoutResizingTests.NoResizeApp>
{
    public class NoResizeApp : AppFactory
    {
        protected override IDictionary<string, string?> ExtraSettings =>
            new Dictionary<string, string?> { ["Images:Resize"] = "false" };
    }

    [Fact]
    public async Task A_png_is_kept_as_it_was_uploaded_and_served_as_png_for_both_sizes()
    {
        var member = await app.CreateMemberAsync(TestData.UniqueEmail("no-resize"));
        var client = app.NewClient();
        await client.LoginAsync(member.Email!);
        var png = SampleFiles.Png(5, 3);

        var page = await client.SubmitFileAsync("/profile/edit/photo", "/profile/edit/photo",
            new Dictionary<string, string>(), "Photo", "me.png", png, "application/octet-stream");

        Assert.Equal("Your new photo is saved.", page.Flash);
        foreach (var variant in new[] { "large", "small" })
        {
            var response = await client.GetAsync($"/photos/{member.Id}/{variant}");
            Assert.Equal("image/png", response.Content.Headers.ContentType!.MediaType);
            Assert.Equal(png, await response.Content.ReadAsByteArrayAsync());
        }
        Assert.Equal(1, await app.WithDbAsync(db => db.StoredFiles.CountAsync()));
    }

    [Fact]
    public async Task Html_disguised_as_a_photo_is_still_refused()
    {
        var member = await app.CreateMemberAsync(TestData.UniqueEmail("no-resize"));
        var client = app.NewClient();
        await client.LoginAsync(member.Email!);
        var filesBefore = await app.WithDbAsync(db => db.StoredFiles.CountAsync());

        var page = await client.SubmitFileAsync("/profile/edit/photo", "/profile/edit/photo",
            new Dictionary<string, string>(), "Photo", "photo.jpg", SampleFiles.Html, "image/jpeg");

        Assert.Equal("The file is not a JPEG, PNG or WebP picture. Choose a photo in one of these formats.",
            page.FieldError("Photo"));
        Assert.Equal(filesBefore, await app.WithDbAsync(db => db.StoredFiles.CountAsync()));
    }
}
