import { Link } from 'react-router';
import { usePolicy } from '@/features/policies/api/get-policy';
import { currentLanguage } from '@/lib/i18n';

/** A link to a policy profile, by its name once loaded (the id until then). */
export function PolicyLink({ id }: { id: string }) {
  const policy = usePolicy(id);
  const name = policy.data ? (currentLanguage() === 'en-US' ? policy.data.nameEn : policy.data.name) : id;
  return (
    <Link to={`/policies/${encodeURIComponent(id)}`} data-testid="policy-link">
      {name}
    </Link>
  );
}
