namespace Reception.Web.Features.Rotas.Reports;

/// <summary>The list of reports.</summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
