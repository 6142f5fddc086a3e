using Microsoft.AspNetCore.Diagnostics;

namespace Reception.Web.Features.Notifications;

/// <summary>The header's bell: a link to the notifications with the unread count (one indexed COUNT per page view).</summary>
public sealed class BellViewComponent(AppDbContext db, CurrentUser me) : ViewComponent
{
    private const string BellView = "/Features/Notifications/_Bell.cshtml";

    public async Task<IViewComponentResult> InvokeAsync()
    {
        if (!me.IsAuthenticated || me.UserId is not { } userId) return Content("");
        // The 500 page must not depend on the database that may have caused it.
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null) return View(BellView, 0);
        var unread = await db.Notifications.CountAsync(n => n.UserId == userId && n.ReadAtUtc == null);
        return View(BellView, unread);
    }
}
