"""History that respects versions: a record is reverted onto the row as it is now.

django-simple-history judges a revert by the historical record, whose editorial
state may be an old "draft"; a published policy would then be overwritten in place
(and unpublished). Here the current row decides, and a refused revert is refused
on POST too, not only hidden.
"""

from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from simple_history.admin import SimpleHistoryAdmin


class VersionedHistoryAdmin(SimpleHistoryAdmin):
    def history_form_view(
        self, request: HttpRequest, object_id: str, version_id: str, extra_context=None
    ) -> HttpResponse:
        current = self.get_object(request, unquote(object_id))
        if current is None:
            raise Http404
        if request.method == "POST" and not self.has_change_permission(
            request, current
        ):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request: HttpRequest, obj=None) -> bool:
        current = self.model.objects.filter(pk=obj.pk).first() if obj else None
        return super().revert_disabled(request, current)
