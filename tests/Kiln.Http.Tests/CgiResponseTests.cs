using System.Text;

namespace Kiln.Http.Tests;

public class CgiResponseTests
{
    private static CgiResponse Parse(string s) => CgiResponse.Parse(Encoding.Latin1.GetBytes(s));

    [Fact]
    public void Parse_reads_headers_and_body()
    {
        var r = Parse("Content-Type: text/html\r\nX-A: 1\r\n\r\n<p>hi</p>\n\nmore");
        Assert.Equal(200, r.StatusCode);
        Assert.Contains(new KeyValuePair<string, string>("Content-Type", "text/html"), r.Headers);
        Assert.Contains(new KeyValuePair<string, string>("X-A", "1"), r.Headers);
        Assert.Equal("<p>hi</p>\n\nmore", Encoding.Latin1.GetString(r.Body.Span));
    }

    [Fact]
    public void Status_header_sets_the_code_and_is_not_forwarded()
    {
        var r = Parse("Status: 404 Not Found\n\n");
        Assert.Equal(404, r.StatusCode);
        Assert.DoesNotContain(r.Headers, h => h.Key == "Status");
        Assert.True(r.Body.IsEmpty);
    }

    [Fact]
    public void Location_without_status_is_a_302()
    {
        var r = Parse("Location: /elsewhere\n\n");
        Assert.Equal(302, r.StatusCode);
        Assert.Equal(301, Parse("Status: 301\nLocation: /x\n\n").StatusCode);
    }

    [Theory]
    [InlineData("", "nothing")]
    [InlineData("Content-Type: text/plain\nhello", "no blank line")]
    [InlineData("hello world\n\nbody", "not \"Name: value\"")]
    [InlineData("X-Only: 1\n\nbody", "none of Content-Type, Location or Status")]
    [InlineData("\nbody", "none of Content-Type, Location or Status")]
    [InlineData("Status: abc\n\n", "invalid CGI Status")]
    [InlineData("Status: 99\n\n", "invalid CGI Status")]
    public void Parse_rejects_malformed_output(string output, string reason)
    {
        var e = Assert.Throws<FormatException>(() => Parse(output));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }
}
