-- Nonces of states that can no longer verify are not needed to refuse them.
delete from oauth_state_nonces where keep_until < :now
