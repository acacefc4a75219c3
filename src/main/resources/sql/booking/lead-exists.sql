-- A live (not deleted) lead with this id.
select id from leads where id = :id and deleted_at is null
