-- A state's nonce is spent; no row is inserted (0 rows) when it was spent before.
insert into oauth_state_nonces (nonce, keep_until)
values (:nonce, :keepUntil)
on conflict (nonce) do nothing
