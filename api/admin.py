from typing import Any

from django import forms
from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from api.models import ApiToken, Scope, WebhookDelivery, WebhookEndpoint, WebhookEvent
from api.tokens import ROLES, create_api_token, integration_username_free, revoke_api_token
from liaison.models import Department


class NewTokenForm(forms.ModelForm):
    """Adding a token: who it acts as and what it may do. The secret is made by the service and
    shown once, in the message after saving."""

    scopes = forms.MultipleChoiceField(
        label=_("scopes"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    role = forms.ChoiceField(
        label=_("role of an integration"),
        choices=[("", _("– (acts as the user chosen above)"))] + [(key, key) for key in sorted(ROLES)],
        required=False,
    )
    departments = forms.ModelMultipleChoiceField(
        label=_("departments (for an official's role)"), queryset=Department.objects.all(), required=False
    )

    class Meta:
        model = ApiToken
        fields = ["name", "user", "expires_at"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].required = False

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if bool(data.get("user")) == bool(data.get("role")):
            raise forms.ValidationError(_("Choose either a user the token acts as or an integration's role."))
        if data.get("role") and data.get("name") and not integration_username_free(data["name"]):
            raise forms.ValidationError(_("An integration account with this name exists already."))
        return data


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "prefix",
        "user",
        "is_integration",
        "scope_list",
        "expires_at",
        "last_used_at",
        "revoked_at",
    ]
    list_filter = ["is_integration", "revoked_at"]
    readonly_fields = [
        "prefix",
        "user",
        "is_integration",
        "scopes",
        "created_at",
        "created_by",
        "last_used_at",
        "revoked_at",
    ]
    actions = ["revoke"]

    @admin.display(description=_("scopes"))
    def scope_list(self, token: ApiToken) -> str:
        return ", ".join(token.scopes)

    def get_form(self, request: HttpRequest, obj: Any = None, change: bool = False, **kwargs: Any) -> Any:
        if obj is None:
            kwargs["form"] = NewTokenForm
        return super().get_form(request, obj, change, **kwargs)

    def get_readonly_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        return [] if obj is None else [*self.readonly_fields, "name"]

    def get_fields(self, request: HttpRequest, obj: ApiToken | None = None) -> Any:
        if obj is None:
            return ["name", "user", "role", "departments", "scopes", "expires_at"]
        return [
            "name",
            "prefix",
            "user",
            "is_integration",
            "scopes",
            "created_at",
            "created_by",
            "expires_at",
            "last_used_at",
            "revoked_at",
        ]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        data = form.cleaned_data
        issued = create_api_token(  # the form checked what the service would refuse
            data["name"],
            data["scopes"],
            user=data.get("user"),
            role=data.get("role") or None,
            departments=data.get("departments") or [],
            expires_at=data.get("expires_at"),
            created_by=request.user,  # type: ignore[arg-type]
        )
        obj.pk, obj.prefix = issued.token.pk, issued.token.prefix
        messages.warning(
            request,
            _("The token is %(secret)s – copy it now, it will not be shown again.")
            % {"secret": issued.secret},
        )

    def save_related(self, request: HttpRequest, form: Any, formsets: Any, change: bool) -> None:
        if change:
            super().save_related(request, form, formsets, change)

    @admin.action(description=_("Revoke the chosen tokens"))
    def revoke(self, request: HttpRequest, tokens: QuerySet[ApiToken]) -> None:
        for token in tokens:
            revoke_api_token(token)
        self.message_user(request, _("Revoked."))


class EndpointForm(forms.ModelForm):
    events = forms.MultipleChoiceField(
        label=_("events"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "secret", "events", "is_active"]


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["name", "url", "is_active", "created_at"]


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "endpoint",
        "event",
        "status",
        "attempts",
        "last_status_code",
        "delivered_at",
    ]
    list_filter = ["status", "event", "endpoint"]
    readonly_fields = [field.name for field in WebhookDelivery._meta.fields]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
