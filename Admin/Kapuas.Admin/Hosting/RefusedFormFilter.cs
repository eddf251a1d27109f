using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Kapuas.Admin.Hosting;

/// <summary>
/// A form that comes back with errors is answered 400 (the page is shown again with its messages): clients, tests and
/// proxies see a refusal as a refusal, not as a success.
/// </summary>
public sealed class RefusedFormFilter : IPageFilter
{
    public void OnPageHandlerSelected(PageHandlerSelectedContext context)
    {
    }

    public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
    }

    public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
    {
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && context.Result is PageResult page && !context.ModelState.IsValid)
        {
            page.StatusCode = StatusCodes.Status400BadRequest;
        }
    }
}
