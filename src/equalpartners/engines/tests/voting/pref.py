"""pref_voting, the test-only oracle, imported in one place.

pref_voting ships no type information; until the project's mypy settings list it, each import
carries an ignore that stays quiet once they do.
"""

import pref_voting.grade_methods  # type: ignore[import-untyped, unused-ignore]
import pref_voting.grade_profiles  # type: ignore[import-untyped, unused-ignore]
import pref_voting.profiles  # type: ignore[import-untyped, unused-ignore]
import pref_voting.profiles_with_ties  # type: ignore[import-untyped, unused-ignore]
import pref_voting.voting_methods  # type: ignore[import-untyped, unused-ignore]
import pref_voting.weighted_majority_graphs  # type: ignore[import-untyped, unused-ignore]

grade_methods = pref_voting.grade_methods
grade_profiles = pref_voting.grade_profiles
profiles = pref_voting.profiles
profiles_with_ties = pref_voting.profiles_with_ties
voting_methods = pref_voting.voting_methods
weighted_majority_graphs = pref_voting.weighted_majority_graphs

GradeProfile = grade_profiles.GradeProfile
MarginGraph = weighted_majority_graphs.MarginGraph
Profile = profiles.Profile
ProfileWithTies = profiles_with_ties.ProfileWithTies

approval = grade_methods.approval
majority_judgement = grade_methods.majority_judgement
score_voting = grade_methods.score_voting

beat_path = voting_methods.beat_path
borda = voting_methods.borda
borda_for_profile_with_ties = voting_methods.borda_for_profile_with_ties
copeland = voting_methods.copeland
instant_runoff_put = voting_methods.instant_runoff_put
minimax = voting_methods.minimax
minimax_scores = voting_methods.minimax_scores
plurality = voting_methods.plurality
ranked_pairs = voting_methods.ranked_pairs
