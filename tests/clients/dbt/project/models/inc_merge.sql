{{ config(materialized='incremental', unique_key='id', incremental_strategy='merge') }}
select id, name, amount from {{ ref('stg_items') }}
{% if is_incremental() %} where id >= (select max(id) from {{ this }}) {% endif %}
