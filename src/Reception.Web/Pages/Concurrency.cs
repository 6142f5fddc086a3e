using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Reception.Core.Common;
using Reception.Web.Data;

namespace Reception.Web.Pages;

/// <summary>Optimistic concurrency for edit forms: the form carries the version it showed.</summary>
public static class Concurrency
{
    public const string StaleEdit = "Someone else changed this record while you were editing it. Your changes were not saved; reload the page to see the current version.";

    /// <summary>
    /// Saves, unless someone else saved <paramref name="entity"/> after the user loaded it at
    /// <paramref name="seenVersion"/>; then nothing is written and the model state says why.
    /// </summary>
    public static async Task<bool> TrySaveAsync<T>(this AppDbContext db, T entity, int seenVersion, ModelStateDictionary state, IStringLocalizer l)
        where T : class, IVersioned
    {
        db.Entry(entity).Property(e => e.Version).OriginalValue = seenVersion;
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            state.AddModelError("", l[StaleEdit]);
            return false;
        }
    }
}
