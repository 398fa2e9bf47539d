"""Role profiles' business rules. Views, commands and other apps call these, not the models.

Access: managed_profile(user, slug), managed_organisations(user), require_manager(user)
Profiles: create_profile, update_draft, publish, new_version, copy_profile, copy_starting_point
Reading: current_version, draft_of, document_version, ordered_picks, shared_versions
Files: read_file_data, file_data, import_profile (specs.py, exchange.py)
Training needs: needs_of, need_score, save_self_evaluation, agree_objectives (needs.py, evaluations.py)
Content: load_shipped_content, content_by_code(framework_version), level_descriptors; a framework
draft's edits of it and their comparison in content_drafts.py (ADR 23)
"""

from ..models import VersionLocked
from .access import is_administrator, managed_organisations, managed_profile, manages_profiles, require_manager
from .content import content_by_code, level_descriptors, load_shipped_content
from .evaluations import (
    add_holder,
    agree_objectives,
    evaluation_of,
    holders_of,
    managed_holder,
    own_holder,
    roles_held,
    save_self_evaluation,
)
from .exchange import export_data, find_profile, import_profile
from .needs import holders_in, need_score, needs_of, organisations_under
from .profiles import (
    copy_profile,
    create_profile,
    current_version,
    document_version,
    draft_of,
    new_version,
    ordered_picks,
    publish,
    shared_versions,
    update_draft,
)
from .specs import PickSpec, ProfileFileError, ProfileSpec, file_data, read_file_data
from .starting_points import copy_starting_point, starting_point, starting_points

__all__ = [
    "PickSpec",
    "add_holder",
    "holders_of",
    "agree_objectives",
    "evaluation_of",
    "managed_holder",
    "holders_in",
    "need_score",
    "needs_of",
    "organisations_under",
    "own_holder",
    "roles_held",
    "save_self_evaluation",
    "ProfileFileError",
    "ProfileSpec",
    "VersionLocked",
    "content_by_code",
    "copy_profile",
    "copy_starting_point",
    "create_profile",
    "current_version",
    "document_version",
    "draft_of",
    "export_data",
    "file_data",
    "find_profile",
    "import_profile",
    "is_administrator",
    "level_descriptors",
    "load_shipped_content",
    "managed_organisations",
    "managed_profile",
    "manages_profiles",
    "new_version",
    "ordered_picks",
    "publish",
    "read_file_data",
    "require_manager",
    "shared_versions",
    "starting_point",
    "starting_points",
    "update_draft",
]
