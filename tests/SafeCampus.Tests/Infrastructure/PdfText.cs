using System.Diagnostics;

namespace SafeCampus.Tests.Infrastructure;

/// <summary>The text of a PDF, extracted with poppler's pdftotext (apt package poppler-utils; scripts/test installs it).</summary>
public static class PdfText
{
    public static async Task<string> ExtractAsync(byte[] pdf, bool layout = true)
    {
        Assert.True(pdf.Length > 4 && pdf[0] == '%' && pdf[1] == 'P' && pdf[2] == 'D' && pdf[3] == 'F', "not a PDF");
        var path = Path.Combine(Path.GetTempPath(), $"safecampus-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
            if (layout)
            {
                start.ArgumentList.Add("-layout");
            }

            start.ArgumentList.Add("-enc");
            start.ArgumentList.Add("UTF-8");
            start.ArgumentList.Add(path);
            start.ArgumentList.Add("-");
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
            var text = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "pdftotext failed: " + await process.StandardError.ReadToEndAsync());
            return text;
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("pdftotext not found. Install it: apt-get install -y poppler-utils (scripts/test does this as root).", ex);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Writes the PDF to artifacts/pdf/{name}.pdf for people to look at (pdftoppm -png turns it into images).</summary>
    public static async Task KeepAsync(byte[] pdf, string name)
    {
        var dir = Path.Combine(Path.GetDirectoryName(Browser.BrowserFixture.ScreenshotDir)!, "pdf");
        Directory.CreateDirectory(dir);
        await File.WriteAllBytesAsync(Path.Combine(dir, name + ".pdf"), pdf);
    }

    /// <summary>The names of the fonts a PDF embeds, from poppler's pdffonts (subset prefixes removed).</summary>
    public static async Task<IReadOnlyList<string>> FontsAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"safecampus-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdffonts") { RedirectStandardOutput = true };
            start.ArgumentList.Add(path);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdffonts did not start");
            var lines = (await process.StandardOutput.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
            // name type encoding …; the first two lines are the header. Subset fonts are named "ABCDEF+Family".
            return lines.Skip(2).Select(l => l.Split(' ', 2)[0]).Select(n => n.Contains('+', StringComparison.Ordinal) ? n[(n.IndexOf('+', StringComparison.Ordinal) + 1)..] : n).ToList();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Number of pages, from pdfinfo.</summary>
    public static async Task<int> PagesAsync(byte[] pdf)
    {
        var path = Path.Combine(Path.GetTempPath(), $"safecampus-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        try
        {
            var start = new ProcessStartInfo("pdfinfo") { RedirectStandardOutput = true };
            start.ArgumentList.Add(path);
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdfinfo did not start");
            var info = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var line = info.Split('\n').Single(l => l.StartsWith("Pages:", StringComparison.Ordinal));
            return int.Parse(line["Pages:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
