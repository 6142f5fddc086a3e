using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Reception.Web.Authorization;

namespace Reception.Web.Pages.Reports;

/// <summary>The list of reports.</summary>
[Authorize(Roles = Roles.OfficeStaff)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
