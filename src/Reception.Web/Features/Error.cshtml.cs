namespace Reception.Web.Features;

/// <summary>400, 403, 404 and 500 in the user's language (re-executed by the status-code and exception middleware).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Code { get; private set; }

    // From the route only: a re-executed POST whose body could not be read must not be read again here.
    public IActionResult OnGet([FromRoute] int? code) => Show(code);
    public IActionResult OnPost([FromRoute] int? code) => Show(code);

    private PageResult Show(int? code)
    {
        // After an exception the handler has chosen the status (400 for what the request caused, else 500).
        var selected = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>() is not null ? Response.StatusCode : 500;
        Code = code is >= 400 and < 600 ? code.Value : selected is >= 400 and < 600 ? selected : 500;
        Response.StatusCode = Code;
        return Page();
    }
}
