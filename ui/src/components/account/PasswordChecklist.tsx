import { Check, Circle, X } from "lucide-react";
import type { PasswordPolicy } from "@/bindings";
import { policyChecks } from "@/lib/password-policy";
import { cn } from "@/lib/utils";

/**
 * The password rules, listed before the parent types and ticked off while they do. The list is
 * the password field's description, so screen readers read it with the field.
 */
export function PasswordChecklist({
  id,
  policy,
  password,
}: {
  id: string;
  policy: PasswordPolicy;
  password: string;
}) {
  const checks = policyChecks(policy, password);
  return (
    <div id={id} className="flex flex-col gap-1.5 rounded-lg bg-muted/60 p-3 text-sm">
      <p className="font-semibold">Your password needs:</p>
      <ul className="flex flex-col gap-1" data-testid="policy-checklist">
        {checks.map((check) => (
          <li
            key={check.key}
            className={cn("flex items-center gap-2", check.met ? "text-success" : "text-muted-foreground")}
            data-testid={`policy-${check.key}`}
            data-met={check.met ? "true" : "false"}
          >
            {check.met ? (
              <Check className="size-4 shrink-0" aria-hidden="true" />
            ) : check.key === "edges" ? (
              <X className="size-4 shrink-0 text-destructive" aria-hidden="true" />
            ) : (
              <Circle className="size-4 shrink-0" aria-hidden="true" />
            )}
            <span className={check.met ? "font-medium" : undefined}>{check.label}</span>
            <span className="sr-only">{check.met ? " (done)" : " (not yet)"}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
