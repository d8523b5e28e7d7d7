# -*- coding: utf-8 -*-
# golive stand-in manifest (only the keys a deployment pipeline reads)
{
    'name': 'Contacts',
    'version': '1.0',
    'category': 'Hidden',
    'depends': ['mail'],
    'license': 'LGPL-3',
    'author': 'Odoo S.A.',
    'auto_install': False,
    'installable': True,
}
